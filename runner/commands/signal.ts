import { z } from 'zod';
import { startSignalServer } from '../signal/server';
import { DEFAULT_LIMITS } from '../signal/messages';
import { defineCommand, EXIT } from './command';

const portArg = z
  .string()
  .regex(/^\d+$/, 'expected a port number')
  .transform(Number)
  .pipe(z.number().int().min(0).max(65535, 'must be at most 65535'))
  .default(4444);

export const signalCommand = defineCommand({
  name: 'signal',
  summary: 'run the signalling server that collaboration sessions meet through',
  usage: 'bmad signal [--port N] [--host H]',
  details:
    'Speaks y-webrtc\'s signalling protocol over WebSocket (subscribe, unsubscribe, publish, ping). Peers\n' +
    'only find each other here; edits travel directly between them over WebRTC. Listens on 127.0.0.1\n' +
    'unless --host says otherwise (--host 0.0.0.0 for other machines). --port 0 picks a free port.\n' +
    `Frames over ${DEFAULT_LIMITS.maxMessageBytes / 1024} KiB close the connection; more than ` +
    `${DEFAULT_LIMITS.maxTopicsPerConnection} rooms per connection and malformed JSON are refused\n` +
    'with a reason (printed on stderr). Ctrl+C stops it.',
  options: [
    { name: 'port', short: 'p', type: 'string', value: 'n', description: 'port to listen on (default 4444; 0: any free port)' },
    { name: 'host', type: 'string', value: 'address', description: 'address to bind (default 127.0.0.1)' },
  ],
  args: z.object({ _: z.array(z.string()).max(0, 'takes no arguments'), port: portArg, host: z.string().min(1).default('127.0.0.1') }),
  run: async (args, ctx) => {
    let server;
    try {
      server = await startSignalServer({ host: args.host, port: args.port, log: (line) => ctx.stderr.write(`bmad signal: ${line}\n`) });
    } catch (e) {
      ctx.stderr.write(`bmad signal: cannot listen on ${args.host}:${args.port}: ${(e as Error).message}\n`);
      return EXIT.failed;
    }
    ctx.stdout.write(`bmad signal: listening on ${server.url}\n`);
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) resolve();
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await server.close();
    ctx.stdout.write('bmad signal: stopped\n');
    return EXIT.ok;
  },
});
