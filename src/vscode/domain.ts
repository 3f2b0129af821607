// The domain entry points the extension needs: the entry of a bundle of their own (dist/domain.js), required on
// the first load (`await import('../domain.js')`), so activation does not evaluate the AWS SDK (100-250 ms here).
// Built apart, it is also tree-shaken as a whole (a lazy import inside one bundle is not). The practice account
// (practice/entry.ts) and ssh2 (sshDomain.ts) are bundles of their own again: see esbuild.js.
export { listProfiles, resolveAccount } from '../aws/account';
export { createClients } from '../aws/clients';
export { fetchInventory } from '../aws/inventory';
export { overlayInventory } from '../aws/inventory/merge';
// The lab engine: checks and observations on every refresh, runners and fixes on demand.
export { createWebProbe } from '../aws/web';
export { checkAll, checkStep } from '../lab/checks/checks';
export { diagnoseTargets } from '../lab/checks/diagnosis';
export { diagnoseClassic } from '../lab/checks/classicDiagnosis';
export { findRoles } from '../lab/roles';
export { mergeObservations, observe, pagesForStep } from '../lab/observe';
export { applyFix, planStep, runStep, runTrack } from '../lab/run/runner';
export { runReboot } from '../lab/run/reboot';
export { tallyLoadBalancer } from '../lab/run/verify';
// Track 3: the bounded load against the lab's load balancer, and the watch the Auto Scaling chart draws.
export { LoadError, loadTargetFor, startLoad } from '../lab/scaling/load';
export { watchScaling } from '../lab/scaling/watch';
export { findScalingRoles } from '../lab/scaling';
// What the lab costs, and the cleanup that stops it.
export { estimateCost } from '../cost/estimate';
export { priceTable } from '../cost/prices';
export { fetchLivePrices } from '../cost/livePrices';
export { planCleanup, runCleanup } from '../lab/cleanup/plan';
export { listKeyPairs } from '../aws/actions/cleanupActions';
// The teacher's Class view: the table of a class from one read of the account, and every student's pages.
export { classStatus, DEFAULT_CLASS_PREFIX, studentsIn } from '../lab/class/status';
export { classWebProbe, observeClass } from '../lab/class/observe';
export { readClass } from '../lab/class/read';
// SSH's parts that need no ssh2: the host keys pinned, and where an instance is reached.
export { HostKeyStore } from '../ssh/hostKeys';
export { resolveSshTarget } from '../ssh/target';
