// The package's name, version and home page. esbuild.mjs defines the two globals from
// package.json at build time; unbundled runs (tests through tsx) fall back to placeholders.
declare const __ISTIO_EGRESS_VERSION__: string | undefined;
declare const __ISTIO_EGRESS_HOMEPAGE__: string | undefined;

export const TOOL_NAME = 'istio-egress';
export const VERSION = typeof __ISTIO_EGRESS_VERSION__ === 'string' ? __ISTIO_EGRESS_VERSION__ : '0.0.0-dev';
export const HOMEPAGE = typeof __ISTIO_EGRESS_HOMEPAGE__ === 'string' ? __ISTIO_EGRESS_HOMEPAGE__ : 'https://istio.io/';
