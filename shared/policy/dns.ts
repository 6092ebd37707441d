// RFC 1123 subdomain, the rule the apiserver applies to an API group name.
const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN = new RegExp(`^${LABEL}(\\.${LABEL})*$`);
const MAX_LENGTH = 253;

/** Why `name` is not a DNS subdomain, or [] when it is one. */
export function dnsSubdomainProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length > MAX_LENGTH) problems.push(`must be no more than ${MAX_LENGTH} characters`);
  if (!SUBDOMAIN.test(name)) {
    problems.push("must be a lowercase RFC 1123 subdomain: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit");
  }
  return problems;
}
