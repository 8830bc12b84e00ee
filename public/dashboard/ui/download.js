// Saving a Blob the API answered (fetched with the token, so never a plain link to the API): a
// temporary object URL, clicked as a download.

export const slug = (text) =>
  String(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement("a"), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its copy once started; the Blob is let go of a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
