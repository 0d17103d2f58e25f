import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './runCli.js';

export interface CodeBlock {
  lang: string;
  code: string;
  /** 1-based line of the opening fence, for failure messages. */
  line: number;
}

/** The fenced code blocks of a markdown file under docs/. */
export function codeBlocks(doc: string): CodeBlock[] {
  const text = readFileSync(join(REPO_ROOT, 'docs', doc), 'utf8');
  const blocks: CodeBlock[] = [];
  for (const match of text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)) {
    blocks.push({
      lang: match[1]!,
      code: match[2]!,
      line: text.slice(0, match.index).split('\n').length,
    });
  }
  return blocks;
}
