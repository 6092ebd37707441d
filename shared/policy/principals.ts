// Users whose groups are fixed when the policy is evaluated, so a userGroups rule can be judged
// for them: the anonymous authenticator gives system:anonymous exactly system:unauthenticated.

const KNOWN_GROUPS: ReadonlyMap<string, readonly string[]> = new Map([['system:anonymous', ['system:unauthenticated']]]);

/** The groups `user` always has at policy time, or undefined when they depend on the authenticator. */
export function knownGroups(user: string): readonly string[] | undefined {
  return KNOWN_GROUPS.get(user);
}
