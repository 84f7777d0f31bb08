// The `source` of every diagnostic this product reports.
export const DIAGNOSTIC_SOURCE = 'istio-egress';
