// The line a page shows while its live connection is not live: what is happening, or nothing.

/**
 * Shows {@code text} in the banner element (hidden when there is none) and marks why in its data-kind, which the
 * page's CSS and click handlers read. Returns whether the text changed, so that a page can announce it.
 */
export function showBanner(node, text, kind) {
  const changed = node.textContent !== (text || '');
  node.hidden = !text;
  node.textContent = text || '';
  node.dataset.kind = text ? kind : '';
  return changed;
}
