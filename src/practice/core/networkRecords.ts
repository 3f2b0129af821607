// The practice account's network records: VPCs, subnets, route tables, internet and NAT gateways (plain JSON in
// the state file, like every record of records.ts).
/** As records.ts's Tags (not imported: records.ts imports these records). */
type Tags = Record<string, string>;

export interface VpcRecord {
  id: string;
  cidr: string;
  isDefault: boolean;
  state: 'pending' | 'available';
  dhcpOptionsId: string;
  /** DNS attributes (absent: AWS's defaults, support on and hostnames only in the default VPC). */
  enableDnsSupport?: boolean;
  enableDnsHostnames?: boolean;
  tags: Tags;
}

export interface SubnetRecord {
  id: string;
  vpcId: string;
  az: string;
  cidr: string;
  defaultForAz: boolean;
  mapPublicIpOnLaunch: boolean;
  state: 'pending' | 'available';
  tags: Tags;
}

export interface RouteRecord {
  destination: string;
  /** igw-..., or "local". */
  gatewayId?: string;
  natGatewayId?: string;
  instanceId?: string;
}

export interface RouteTableRecord {
  id: string;
  vpcId: string;
  main: boolean;
  /** Explicitly associated subnets (the main table serves the others implicitly). */
  subnetIds: string[];
  routes: RouteRecord[];
  tags: Tags;
}

export interface InternetGatewayRecord {
  id: string;
  /** Attached VPC, if any. */
  vpcId?: string;
  tags: Tags;
}

export interface NatGatewayRecord {
  id: string;
  vpcId: string;
  subnetId: string;
  connectivity: 'public' | 'private';
  /** The Elastic IP a public NAT gateway holds. */
  allocationId?: string;
  state: 'pending' | 'available' | 'deleting' | 'deleted' | 'failed';
  createTime: string;
  deleteTime?: string;
  tags: Tags;
  /** The network interface AWS makes for it in its subnet, and that interface's private address. */
  networkInterfaceId?: string;
  privateIp?: string;
  /** When `pending` ends (in `available`, or `failed` with `failure`), and when `deleting` ends. */
  availableAt?: string;
  deletedAt?: string;
  /** Why it fails once pending ends, as AWS reports it (FailureCode, FailureMessage). */
  failure?: { code: string; message: string };
  /** CreateNatGateway's ClientToken and a digest of the other parameters (IdempotentParameterMismatch). */
  clientToken?: string;
  clientDigest?: string;
}
