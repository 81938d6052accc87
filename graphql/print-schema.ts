// Prints the schema to graphql/schema.graphql (committed); `--check` fails when the
// committed file is stale, so CI catches an API change nobody reviewed.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { schema } from './schema.ts';

const file = fileURLToPath(new URL('./schema.graphql', import.meta.url));
const printed = printSchema(schema) + '\n';

if (process.argv.includes('--check')) {
  const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (committed !== printed) {
    console.error('graphql/schema.graphql is stale: run `npm run schema:print` and commit it.');
    process.exit(1);
  }
  console.log('graphql/schema.graphql is up to date.');
} else {
  fs.writeFileSync(file, printed);
  console.log(`Wrote ${file}`);
}
