// Docker HEALTHCHECK: exit 0 when wharf answers /_wharf/health on its own port.
const port = process.env.WHARF_PORT || '4566';
fetch(`http://127.0.0.1:${port}/_wharf/health`, { signal: AbortSignal.timeout(2000) }).then(
  (res) => process.exit(res.ok ? 0 : 1),
  () => process.exit(1),
);
