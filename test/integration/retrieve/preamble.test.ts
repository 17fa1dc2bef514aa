import { describe, expect, it } from 'vitest';
import { useIndexedWorkspace } from '../../support/engine';

// Slim's renderers: each file's `namespace` line repeats its path, and was listed for a question
// about rendering errors by its path alone.
const renderer = (format: string, body: string) => `<?php

declare(strict_types=1);

namespace Slim\\Error\\Renderers;

use Slim\\Error\\AbstractErrorRenderer;
use Throwable;

class ${format}ErrorRenderer extends AbstractErrorRenderer
{
    public function __invoke(Throwable $exception, bool $displayErrorDetails): string
    {
        ${body}
    }
}
`;

const APP = `import debounce from 'lodash/debounce';
import { save } from './store';

export const autosave = debounce(() => save(), 500);
`;

const indexed = useIndexedWorkspace('gw-preamble-', {
  'Slim/Error/Renderers/HtmlErrorRenderer.php': renderer('Html', 'return "<html><body><h1>" . $this->getErrorTitle($exception) . "</h1></body></html>";'),
  'Slim/Error/Renderers/JsonErrorRenderer.php': renderer('Json', 'return json_encode(["message" => $this->getErrorTitle($exception)]);'),
  'Slim/Error/Renderers/XmlErrorRenderer.php': renderer('Xml', 'return "<error><message>" . $exception->getMessage() . "</message></error>";'),
  'src/app.ts': APP,
  'src/store.ts': 'export function save(): void {\n  localStorage.setItem("draft", "1");\n}\n',
});

describe('preambles in what retrieval lists', () => {
  it('leaves out a namespace or import chunk that matched the query through its path alone, not its file', async () => {
    const r = await indexed().engine.retriever.retrieve({ query: 'render an error page', includeStandards: false });
    expect(r.chunks.map((c) => c.symbol)).toContain('XmlErrorRenderer');
    expect(r.chunks.filter((c) => c.kind === 'module').map((c) => `${c.path}:${c.startLine}`)).toEqual([]);
    expect(r.files.map((f) => f.path)).toContain('Slim/Error/Renderers/XmlErrorRenderer.php');
  });

  it('keeps the imports that name what the query asks about', async () => {
    const r = await indexed().engine.retriever.retrieve({ query: 'which files use lodash debounce', includeStandards: false });
    expect(r.chunks.some((c) => c.kind === 'module' && c.path === 'src/app.ts' && c.text.includes("from 'lodash/debounce'"))).toBe(true);
  });
});
