import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './runCli.js';

export interface CodeBlock {
  /** The first word of the info string (`sh`, `ts`, `json`, …); empty for a plain fence. */
  lang: string;
  /** The rest of the info string, trimmed: `no-run: <reason>` on a shell block that is shown only. */
  info: string;
  code: string;
  /** 1-based line of the opening fence, for failure messages. */
  line: number;
}

/** The fenced code blocks of a markdown file, given relative to the repository root. */
export function codeBlocks(file: string): CodeBlock[] {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8');
  const blocks: CodeBlock[] = [];
  for (const match of text.matchAll(/^```(\S*)([^\n]*)\n([\s\S]*?)^```$/gm)) {
    blocks.push({
      lang: match[1]!,
      info: match[2]!.trim(),
      code: match[3]!,
      line: text.slice(0, match.index).split('\n').length,
    });
  }
  return blocks;
}

/** Every documentation page: README.md, docs/*.md and each package's or app's README.md. */
export function documentationFiles(): string[] {
  const markdownIn = (dir: string) =>
    readdirSync(join(REPO_ROOT, dir))
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => `${dir}/${name}`);
  const readmes = ['packages', 'apps'].flatMap((group) =>
    readdirSync(join(REPO_ROOT, group))
      .sort()
      .map((name) => `${group}/${name}/README.md`)
      .filter((file) => existsSync(join(REPO_ROOT, file))),
  );
  return ['README.md', ...markdownIn('docs'), ...readmes];
}
