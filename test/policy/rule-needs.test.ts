import { describe, expect, it } from 'vitest';
import { checkDeclaredLevel } from '../../shared/engine/analysis/index.ts';
import type { Expr } from '../../shared/engine/condition/ast.ts';
import { programOf } from '../../shared/engine/program.ts';
import { boxesOf, loadRules, needsOf, ruleYaml } from './rules-helper.ts';

describe('rule needs: which requests a rule can fire on', () => {
  it('intersects the constraints of an and', () => {
    expect(boxesOf('ka.verb in (get, list) and ka.verb = get and ka.target.resource = secrets')).toEqual(['verb=get resource=secrets']);
  });

  it('keeps the branches of an or apart', () => {
    expect(boxesOf('(ka.verb = get and ka.target.resource = secrets) or (ka.verb = create and ka.target.resource = pods)')).toEqual([
      'verb=get resource=secrets',
      'verb=create resource=pods',
    ]);
  });

  it('complements a negated simple constraint, absent values included', () => {
    expect(boxesOf('ka.target.resource = pods and not ka.target.namespace in (kube-system, kube-public)')).toEqual([
      'resource=pods namespace=not {kube-public,kube-system}',
    ]);
    expect(boxesOf('ka.target.resource = pods and not ka.target.subresource exists')).toEqual(['resource=pods subresource=(absent)']);
  });

  it('leaves a dimension open when the negated check is not one it can represent', () => {
    expect(boxesOf('ka.verb = delete and not ka.response.code = 200')).toEqual(['verb=delete']);
    expect(boxesOf('ka.verb = delete and not (ka.target.resource = pods and ka.response.code = 200)')).toEqual(['verb=delete']);
  });

  it('reads startswith as a prefix and != as everything else but absent', () => {
    expect(boxesOf('ka.user.name startswith "system:node:"')).toEqual(['user=system:node:*']);
    expect(boxesOf('ka.verb != get')).toEqual(['verb=not {get,(absent)}']);
  });

  it('treats a check on any other field as possibly true for every request', () => {
    expect(boxesOf('ka.useragent contains kubectl')).toEqual(['any request']);
    expect(boxesOf('tolower(ka.verb) = get')).toEqual(['any request']);
  });

  it('expands macros and lists, nested ones included', () => {
    const prelude = [
      '- list: readers',
      '  items: [get, list]',
      '- list: all_verbs',
      '  items: [readers, watch]',
      '- macro: secret',
      '  condition: ka.target.resource = secrets',
      '- macro: read',
      '  condition: ka.verb in (all_verbs)',
      '',
    ].join('\n');
    expect(boxesOf('secret and read', prelude)).toEqual(['verb={get,list,watch} resource=secrets']);
  });

  it('applies exceptions as and-not', () => {
    const text = ruleYaml('R', 'ka.target.resource = secrets', ['exceptions:', '  - name: ops', '    fields: [ka.user.name, ka.target.namespace]', '    values: [[alice, prod]]']);
    expect(needsOf(text).boxes.map((b) => b.dims.user.negated || b.dims.namespace.negated)).toEqual([true, true]);
    expect(needsOf(text).boxes).toHaveLength(2);
  });

  it('knows a 401 comes from a request that failed authentication, at stage ResponseStarted', () => {
    expect(boxesOf('ka.response.code = 401')).toEqual(['user=(absent) stage=ResponseStarted']);
  });

  it('knows only system:anonymous is in system:unauthenticated', () => {
    expect(boxesOf('ka.user.groups intersects (system:unauthenticated)')).toEqual(['user=system:anonymous groups∋system:unauthenticated']);
  });

  it('tests kadet.provider as a constant when analysing for one provider', () => {
    const cond = '(kadet.provider = gke and ka.verb = get) or ka.verb = create';
    expect(boxesOf(cond, '', 'onprem')).toEqual(['verb=create']);
    expect(boxesOf(cond, '', 'gke')).toEqual(['verb=get', 'verb=create']);
    expect(boxesOf(cond)).toEqual(['verb=get provider=gke', 'verb=create']);
  });

  it('finds nothing for a condition no request satisfies', () => {
    expect(boxesOf('ka.verb = get and ka.verb = create')).toEqual([]);
  });
});

describe('rule needs: the audit level its fields need', () => {
  const level = (condition: string) => needsOf(ruleYaml('R', condition)).level;

  it('needs Metadata for fields of the event itself', () => {
    expect(level('ka.verb = get and ka.user.name = alice and ka.response.code = 200')).toBe('Metadata');
    expect(level('jevt.value[/annotations/authorization.k8s.io~1decision] = allow')).toBe('Metadata');
    expect(level('ka.req.configmap.name = x')).toBe('Metadata');
  });

  it('needs Request for the request object', () => {
    expect(level('ka.req.pod.host_network = true')).toBe('Request');
    expect(level('jevt.value[/requestObject/spec/replicas] = 3')).toBe('Request');
    expect(level('json.value[requestObject/kind] = Pod')).toBe('Request');
  });

  it('needs RequestResponse for the response object and the whole event', () => {
    expect(level('ka.resp.name = x')).toBe('RequestResponse');
    expect(level('jevt.value[/responseObject/metadata/name] = x')).toBe('RequestResponse');
    expect(level('jevt.obj contains x')).toBe('RequestResponse');
  });

  it('counts a body field under not: without the body the negation fires wrongly', () => {
    expect(level('ka.verb = create and not ka.req.pod.host_pid = true')).toBe('Request');
  });

  it('ignores fields used only in the output', () => {
    const text = ['- rule: R', '  desc: d', '  condition: ka.verb = create', '  output: pod %ka.req.pod.containers.image %ka.resp.name', '  priority: INFO', '  source: k8s_audit', ''].join('\n');
    expect(needsOf(text).level).toBe('Metadata');
  });

  it('gives each branch of an or the level its own fields need', () => {
    const n = needsOf(ruleYaml('R', '(ka.verb = create and ka.req.pod.host_pid = true) or ka.verb = delete'));
    expect(n.boxes.map((b) => b.level)).toEqual(['Request', 'Metadata']);
  });
});

describe('rule needs: the declared kadet.level', () => {
  const declared = (condition: string, lvl: string) => {
    const text = ruleYaml('R', condition, ['kadet:', `  level: ${lvl}`]);
    const rule = loadRules(text)[0]!;
    const needs = needsOf(text);
    return { needs, warnings: () => checkDeclaredLevel(rule, needs) };
  };

  it('warns when the declaration is below what the condition reads, and uses what it reads', () => {
    const { needs, warnings } = declared('ka.req.pod.host_pid = true', 'Metadata');
    expect(needs).toMatchObject({ derived: 'Request', declared: 'Metadata', level: 'Request' });
    expect(warnings()[0]).toMatchObject({ code: 'level-mismatch', rule: 'R', file: 'rules.yaml' });
    expect(warnings()[0]!.message).toContain('ka.req.pod.host_pid (Request)');
  });

  it('raises every box to a higher declaration, with a warning', () => {
    const { needs, warnings } = declared('ka.verb = create', 'Request');
    expect(needs.level).toBe('Request');
    expect(needs.boxes.every((b) => b.level === 'Request')).toBe(true);
    expect(warnings()[0]!.message).toContain('coverage uses the declared level');
  });

  it('is quiet when they agree, and flags a value that is no level', () => {
    expect(declared('ka.req.pod.host_pid = true', 'Request').warnings()).toEqual([]);
    expect(declared('ka.verb = get', 'Everything').warnings()[0]).toMatchObject({ code: 'invalid-level' });
  });
});

describe('the loaded program keeps its condition for analysis', () => {
  it('has macros inlined and list names replaced by their items', () => {
    const text = ['- list: l', '  items: [a, b]', '- macro: m', '  condition: ka.user.name in (l)', ruleYaml('R', 'm and ka.verb in l')].join('\n');
    const cond = programOf(loadRules(text)[0]!)!.condition;
    const kinds: string[] = [];
    const rights: string[][] = [];
    const walk = (e: Expr): void => {
      kinds.push(e.kind);
      if (e.kind === 'and' || e.kind === 'or') e.children.forEach(walk);
      if (e.kind === 'not') walk(e.child);
      if (e.kind === 'binary') rights.push(e.right.kind === 'list' ? e.right.items.map((i) => i.text) : [e.right.kind]);
    };
    walk(cond);
    expect(kinds).toEqual(['and', 'binary', 'binary']);
    expect(rights).toEqual([['a', 'b'], ['a', 'b']]);
  });
});

describe('rule needs: a check on kadet.level', () => {
  it('needs the lowest level it accepts', () => {
    expect(needsOf(ruleYaml('R', 'ka.verb = create and kadet.level in (Request, RequestResponse)')).level).toBe('Request');
    expect(needsOf(ruleYaml('R', 'kadet.level = RequestResponse')).level).toBe('RequestResponse');
  });
});
