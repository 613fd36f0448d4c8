// The baseline: an echo bot on the same stack as the real one — restify 12 + botbuilder CloudAdapter with
// ConfigurationBotFrameworkAuthentication, auth disabled (empty MicrosoftAppId) — that answers every message
// with a short text through the connector. It only exists for bench/load.ts; run as its own process:
//   PORT=0 node bench/echo-bot.ts   → prints {"msg":"http server listening","port":N}
import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { TurnContext } from 'botbuilder';
import { createServer, plugins } from 'restify';
import type { Request, Response } from 'restify';

const auth = new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' });
const adapter = new CloudAdapter(auth);
adapter.onTurnError = async (context: TurnContext, error: Error): Promise<void> => {
  process.stderr.write(`echo bot: turn failed: ${error.name}\n`);
  await context.sendActivity('The echo bot failed.');
};

async function echo(context: TurnContext): Promise<void> {
  if (context.activity.type !== ActivityTypes.Message) return;
  const text = context.activity.text ?? '';
  await context.sendActivity(`echo: ${text.slice(0, 40)}`);
}

const server = createServer({ name: '', handleUncaughtExceptions: false });
server.use(plugins.bodyParser({ maxBodySize: 256 * 1024 }));
server.post('/api/messages', async (req: Request, res: Response) => {
  await adapter.process(req, res, echo);
});
server.get('/healthz', async (_req: Request, res: Response) => {
  res.send(200, { status: 'ok' });
});

const port = Number(process.env.PORT ?? '0');
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ msg: 'http server listening', port: address.port })}\n`);
});

const stop = (): void => {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
