import { readText } from './compose.model.js';

/** The image: an LTS Node base in every stage, several stages, a non-root runtime listening on 0.0.0.0. */
interface Stage {
  image: string;
  user?: string;
  env: Record<string, string>;
}

function stages(dockerfile: string): Stage[] {
  const found: Stage[] = [];
  const lines = dockerfile.replace(/\\\n/g, ' ').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  for (const line of lines) {
    const [instruction = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    const stage = found[found.length - 1];
    if (/^FROM$/i.test(instruction)) found.push({ image: args.split(/\s+/).find((word) => !word.startsWith('--')) ?? '', env: {} });
    else if (/^USER$/i.test(instruction) && stage) stage.user = args;
    else if (/^ENV$/i.test(instruction) && stage) {
      const pairs = [...args.matchAll(/(\w+)=("[^"]*"|\S+)/g)];
      if (pairs.length > 0) for (const [, key, value] of pairs) stage.env[key as string] = (value as string).replace(/^"(.*)"$/, '$1');
      else {
        const [key = '', ...value] = args.split(/\s+/);
        stage.env[key] = value.join(' ');
      }
    }
  }
  return found;
}

describe('Dockerfile', () => {
  const built = stages(readText('Dockerfile'));

  it('builds in several stages, each on a Node LTS (22 or 24) bookworm-slim image', () => {
    expect(built.length).toBeGreaterThanOrEqual(2);
    for (const stage of built) expect(stage.image).toMatch(/^node:(22|24)(\.\d+){0,2}-bookworm-slim(@sha256:[0-9a-f]{64})?$/);
  });

  it('runs the service as a non-root user, listening on every interface of the container', () => {
    const runtime = built[built.length - 1] as Stage;
    expect(runtime.user).toBeDefined();
    expect(runtime.user).not.toMatch(/^(root|0)(:|$)/);
    expect(runtime.env.HOST).toBe('0.0.0.0');
  });
});
