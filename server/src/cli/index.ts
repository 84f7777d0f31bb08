// Entry point of the `istio-egress` command (bundled to server/out/cli.js).
import { main } from './main';

void main(process.argv.slice(2)).then((status) => {
  process.exitCode = status;
});
