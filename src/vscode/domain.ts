// The domain entry points the extension needs, behind one module that is imported lazily (`await import()`):
// activation does not evaluate the AWS SDK (about 100-250 ms here), the first load does. The price is a
// larger bundle (esbuild tree-shakes lazily initialised modules less: ~1.6 MB instead of ~1.1 MB minified).
export { listProfiles, resolveAccount } from '../aws/account';
export { createClients } from '../aws/clients';
export { fetchInventory } from '../aws/inventory';
export { startPracticeServer } from '../practice/core/server';
export { openPracticeAccount, resetSharedPracticeAccount } from '../practice/core/share';
// The lab engine: checks and observations on every refresh, runners and fixes on demand.
export { createWebProbe } from '../aws/web';
export { checkAll, checkStep } from '../lab/checks/checks';
export { diagnoseTargets } from '../lab/checks/diagnosis';
export { findRoles } from '../lab/roles';
export { mergeObservations, observe, pagesForStep } from '../lab/observe';
export { applyFix, planStep, runStep, runTrack } from '../lab/run/runner';
export { tallyLoadBalancer } from '../lab/run/verify';
// What the lab costs, and the cleanup that stops it.
export { estimateCost } from '../cost/estimate';
export { priceTable } from '../cost/prices';
export { fetchLivePrices } from '../cost/livePrices';
export { planCleanup, runCleanup } from '../lab/cleanup/plan';
export { listKeyPairs } from '../aws/actions/cleanupActions';
