// The baseline for npm run bench:http: a bare Fastify app with the same route, schema and answer as
// the generated service, and the same process settings. Prints its address when listening.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post(
  '/greet',
  {
    schema: {
      body: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          times: { type: 'integer', minimum: 1, maximum: 10 },
          lang: { type: 'string', enum: ['en', 'fr', 'de'] },
        },
        required: ['name', 'times'],
      },
    },
  },
  async (request) => {
    const { name, times } = request.body;
    return { message: `hello ${name}`, times };
  },
);
await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`listening on http://127.0.0.1:${app.server.address().port}`);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
