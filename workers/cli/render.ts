// npm run render -- <template> <data.json> <out.pdf>: prints one document from a JSON file.
import { readFile, writeFile } from 'node:fs/promises';
import { createRenderer } from '../documents/renderer.js';

const [template, dataFile, outFile] = process.argv.slice(2);
if (!template || !dataFile || !outFile) {
  process.stderr.write('usage: npm run render -- <template> <data.json> <out.pdf>\n');
  process.exit(2);
}
const data = JSON.parse(await readFile(dataFile, 'utf8')) as object;
// One document: one warm page is enough.
const renderer = createRenderer({ pages: 1 });
try {
  const pdf = await renderer.render(template, data);
  await writeFile(outFile, pdf);
  process.stdout.write(`${outFile}: ${pdf.length} bytes\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await renderer.close();
}
