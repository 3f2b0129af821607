// RDS (awsQuery, API version 2014-10-31): the actions of the practice account, one file per resource.
// Pages use Marker/MaxRecords (20..100, default 100).
import type { ServiceDefinition } from '../core/actions';
import { rdsClusterActions } from './clusters';
import { rdsEngineActions } from './engines';
import { rdsEventActions } from './events';
import { rdsInstanceCreateActions } from './instances';
import { rdsInstanceReadActions } from './instanceView';
import { rdsInstanceWriteActions } from './instanceWrites';
import { rdsSubnetGroupActions } from './subnetGroups';
import { rdsTagActions } from './tags';

export { rdsArn, rdsHostName } from './names';

export const rdsService: ServiceDefinition = {
  signingName: 'rds',
  dialect: 'query',
  version: '2014-10-31',
  xmlns: 'http://rds.amazonaws.com/doc/2014-10-31/',
  actions: {
    ...rdsInstanceReadActions,
    ...rdsInstanceCreateActions,
    ...rdsInstanceWriteActions,
    ...rdsClusterActions,
    ...rdsSubnetGroupActions,
    ...rdsEventActions,
    ...rdsEngineActions,
    ...rdsTagActions,
  },
};
