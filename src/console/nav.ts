/** The console's pages in menu order (docs/console.md, "Pages"). */
export const NAV: ReadonlyArray<{ path: string; label: string }> = [
  { path: '/console/', label: 'Status' },
  { path: '/console/catalogue', label: 'Catalogue' },
  { path: '/console/orders', label: 'Orders' },
  { path: '/console/register', label: 'Register a system' },
  { path: '/console/engagements', label: 'Engagement index' },
  { path: '/console/traffic', label: 'Traffic log' },
  { path: '/console/availability', label: 'Availability' },
  { path: '/console/lifecycle', label: 'Contract lifecycle' },
];
