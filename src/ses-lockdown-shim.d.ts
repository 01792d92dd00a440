// Installs repairIntrinsics/hardenIntrinsics/lockdown on globalThis; ses types only its main entry.
declare module 'ses/lockdown-shim.js';
