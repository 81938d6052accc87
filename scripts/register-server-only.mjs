// `import 'server-only'` marks modules that must never reach a browser bundle: Next's
// bundler fails the build if a client component pulls one in. The package itself throws
// when loaded outside React's server condition, so in our plain Node process (the custom
// server, tests, scripts) we resolve it to an empty module instead.
import { register } from 'node:module';

const hook = `
export async function resolve(specifier, context, next) {
  if (specifier === 'server-only') return { url: 'data:text/javascript,', shortCircuit: true };
  return next(specifier, context);
}`;
register('data:text/javascript,' + encodeURIComponent(hook));
