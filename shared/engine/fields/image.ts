// Container image references: `[registry[:port]/]path[:tag][@digest]`.

/** The parts of an image reference; `registry` is empty when the reference names none. */
export interface ImageRef {
  registry: string;
  /** Everything before the tag and digest, registry included: what Falco rules list. */
  repository: string;
  tag: string;
  digest: string;
}

/**
 * Splits an image reference. The digest starts at the first `@`; the tag is the text after the
 * last `:` only when that colon follows the last `/`, so a registry port (`reg:5000/app`) is
 * never mistaken for a tag. The registry is the first path component when it looks like a host
 * (contains `.` or `:`, or is `localhost`).
 */
export function parseImage(image: string): ImageRef {
  const at = image.indexOf('@');
  const name = at === -1 ? image : image.slice(0, at);
  const digest = at === -1 ? '' : image.slice(at + 1);
  const colon = name.lastIndexOf(':');
  const tagged = colon > name.lastIndexOf('/');
  const repository = tagged ? name.slice(0, colon) : name;
  const tag = tagged ? name.slice(colon + 1) : '';
  const slash = repository.indexOf('/');
  const first = slash === -1 ? '' : repository.slice(0, slash);
  const registry = first.includes('.') || first.includes(':') || first === 'localhost' ? first : '';
  return { registry, repository, tag, digest };
}

/** The repository of an image: `quay.io/org/app:1.2@sha256:…` → `quay.io/org/app`. */
export function imageRepository(image: string): string {
  return parseImage(image).repository;
}
