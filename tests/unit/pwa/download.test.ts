import { describe, expect, it } from 'vitest';
import { downloadBlob, downloadName, imagePreviewUrl } from '../../../src/lib/pwa/download';

describe('downloads', () => {
  it('are typed so that no browser renders them, whatever they hold', async () => {
    const blob = downloadBlob(['<script>alert(1)</script>']);
    expect(blob.type).toBe('application/octet-stream');
    expect(await blob.text()).toBe('<script>alert(1)</script>');
  });

  it('are named by the artifact path’s last segment, with no path, control or reserved chars', () => {
    expect(downloadName('plots/loss.svg')).toBe('loss.svg');
    expect(downloadName('a\\b\\c.html')).toBe('c.html');
    expect(downloadName('../../.bashrc')).toBe('bashrc');
    expect(downloadName('x:y*?"<>|\u0000.txt')).toBe('x-y-.txt');
    expect(downloadName('dir/')).toBe('artifact');
  });
});

describe('image previews', () => {
  it('show an SVG from a data: URL (no origin to reach), byte for byte', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>parent.x=1</script>é</svg>';
    const bytes = new TextEncoder().encode(svg);
    const url = imagePreviewUrl(bytes, 'image/svg+xml');
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const decoded = Uint8Array.from(atob(url.split(',')[1]!), (c) => c.charCodeAt(0));
    expect(new TextDecoder().decode(decoded)).toBe(svg);
  });

  it('show pictures that cannot hold script from a blob: URL', () => {
    const url = imagePreviewUrl(new Uint8Array([137, 80, 78, 71]), 'image/png');
    expect(url.startsWith('blob:')).toBe(true);
    URL.revokeObjectURL(url);
  });
});
