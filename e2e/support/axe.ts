import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The rules the issue asks for: WCAG 2.0 and 2.1, levels A and AA. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Frames that may run no script: the mail reader's body (sandbox without allow-scripts). axe must
 * run inside a frame to check it, and Playwright's evaluate there never returns; a mail body is
 * the sender's markup anyway. The frame element itself (its title) is checked by the journey.
 */
const SCRIPTLESS_FRAMES = 'iframe[sandbox]:not([sandbox~="allow-scripts"])';

/**
 * Runs axe-core over the page as it is now (frames included, except script-less ones) and fails with one readable line per
 * offending element — rule id, impact, what it checks and where — instead of axe's raw JSON.
 */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).exclude(SCRIPTLESS_FRAMES).analyze();
  const found = violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help} — ${node.target.join(' ')}` +
        (node.failureSummary ? `\n    ${node.failureSummary.replace(/\n/g, '\n    ')}` : ''),
    ),
  );
  // Soft: one run reports every page that fails, not only the first.
  expect.soft(found, `axe on ${where}`).toEqual([]);
}
