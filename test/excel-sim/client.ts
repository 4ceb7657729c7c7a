/**
 * The client half of the simulator: proxy objects, the queue of pending commands, load/sync.
 *
 * Semantics copied from the Office.js runtime (@microsoft/office-js, excel-web-16.00.debug.js):
 * - Reading a scalar property that was neither loaded nor set throws PropertyNotLoaded (the runtime's
 *   `_throwIfNotLoaded`); setting a property stores the value locally at once and queues the write, so a
 *   property you set reads back what you set, not what Excel computed, until it is loaded again.
 * - `load()` takes "a, b", ["a", "b"], "format/font/bold", "items/name", {select, expand} or the strict
 *   object form {values: true, format: {font: {bold: true}}}; without arguments it loads every scalar.
 * - Commands run in queue order at `sync()`; loaded values land on the proxies only after the whole batch
 *   succeeded. A failing command rejects the sync: commands before it stay applied (Excel does not roll
 *   back), those after it never run.
 * - `*OrNullObject` proxies get `isNullObject` with the next sync without an explicit load; commands
 *   queued on a null object do nothing (judgement: the docs say nothing about them).
 * - A member newer than the host's ExcelApi throws ApiNotFound synchronously, as the runtime does.
 */
import { API_VERSION_CHECKS } from './generated';
import { SimOfficeError, apiNotFound, hostError, propertyNotLoaded, valueNotLoaded, invalidArgument } from './errors';
import type { ExcelSim } from './sim';
import type { RangeRef } from './model';

/** What a queued command sees while the simulated host runs it. */
export interface Exec {
  sim: ExcelSim;
  context: SimRequestContext;
  /** Result handlers: applied to the proxies only when the whole batch succeeded. */
  results: Array<() => void>;
  /** Rough size of the loaded data (JSON characters), for the response-size limit. */
  responseBytes: number;
}

export interface Op {
  location: string;
  /** What the request would carry for this command (for the payload estimate). */
  payload: unknown;
  /** Counted in `stats.opsPerSync` (the implicit null-object probes are not). */
  counted: boolean;
  run(exec: Exec): void;
}

export type Resolver = (exec: Exec) => unknown;

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** Throws ApiNotFound when `member` ("Range.merge") needs a newer ExcelApi than the simulated host has. */
export function checkApi(ctx: SimRequestContext, member: string): void {
  const v = API_VERSION_CHECKS[member];
  if (v && compareVersions(v, ctx._sim.options.maxApi) > 0) throw apiNotFound(member, v);
}

export interface PropSpec {
  name: string;
  get(entity: any, exec: Exec): unknown;
  set?(entity: any, value: any, exec: Exec): void;
  /** Left out of a parameterless `load()` (as Office.js does for some costly properties). */
  explicitOnly?: boolean;
}

type ChildFactory = (parent: SimClientObject) => SimClientObject;

interface ClassMeta {
  className: string;
  props: Map<string, PropSpec>;
  navs: Map<string, ChildFactory>;
  isCollection: boolean;
}

const META = new WeakMap<object, ClassMeta>();

function metaOf(obj: SimClientObject): ClassMeta {
  let p = Object.getPrototypeOf(obj);
  while (p) {
    const m = META.get(p);
    if (m) return m;
    p = Object.getPrototypeOf(p);
  }
  throw new Error('simulator bug: class not registered');
}

/**
 * Registers a proxy class: scalar properties (accessors that throw PropertyNotLoaded, and queue a
 * write when set) and navigation properties (child proxies, created once per parent proxy).
 */
export function defineClass(
  cls: { prototype: SimClientObject },
  className: string,
  props: PropSpec[],
  navs: Record<string, ChildFactory> = {},
  isCollection = false,
): void {
  const meta: ClassMeta = {
    className,
    props: new Map(props.map((p) => [p.name, p])),
    navs: new Map(Object.entries(navs)),
    isCollection,
  };
  META.set(cls.prototype, meta);
  for (const spec of props) {
    const member = `${className}.${spec.name}`;
    Object.defineProperty(cls.prototype, spec.name, {
      configurable: true,
      enumerable: true,
      get(this: SimClientObject) {
        checkApi(this.context, member);
        if (this._isNull) return undefined;
        const v = this._fields[spec.name];
        if (v === undefined) throw propertyNotLoaded(className, spec.name);
        return v;
      },
      set: spec.set
        ? function (this: SimClientObject, value: unknown) {
            checkApi(this.context, member);
            if (value === undefined) throw invalidArgument(member);
            this._fields[spec.name] = value;
            this._queue(member, { set: spec.name, value }, (exec) => {
              const e = this._resolve(exec);
              if (e !== null) spec.set!(e, value, exec);
            });
          }
        : undefined,
    });
  }
  for (const [name, factory] of Object.entries(navs)) {
    const member = `${className}.${name}`;
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      enumerable: true,
      get(this: SimClientObject) {
        checkApi(this.context, member);
        let child = this._children.get(name);
        if (!child) {
          child = factory(this);
          this._children.set(name, child);
        }
        return child;
      },
    });
  }
}

/** Turns any accepted `load` argument into slash paths ("values", "format/font/bold", "*"). */
export function parseLoadOption(option: unknown): string[] | undefined {
  const splitList = (s: string): string[] =>
    s
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p.length > 0)
      .map((p) => {
        const low = p.toLowerCase();
        if (low === 'items' || low === 'items/') return '*';
        if (low.startsWith('items/') || low.startsWith('items.')) p = p.slice(6);
        return p.replace(/[/.]items[/.]/gi, '/').replace(/\./g, '/');
      });
  if (option === undefined || option === null) return undefined;
  if (typeof option === 'string') return splitList(option);
  if (Array.isArray(option)) return option.flatMap((o) => splitList(String(o)));
  if (typeof option === 'object') {
    const o = option as Record<string, unknown>;
    const isLoadOption =
      typeof o.select === 'string' ||
      Array.isArray(o.select) ||
      typeof o.expand === 'string' ||
      Array.isArray(o.expand) ||
      typeof o.top === 'number' ||
      typeof o.skip === 'number' ||
      Object.keys(o).length === 0;
    if (isLoadOption) {
      const sel = o.select === undefined ? [] : (parseLoadOption(o.select) ?? []);
      const exp = o.expand === undefined ? [] : (parseLoadOption(o.expand) ?? []);
      const all = [...sel, ...exp];
      return all.length ? all : undefined;
    }
    // Strict form: { values: true, format: { font: { bold: true } } }
    const out: string[] = [];
    const walk = (prefix: string, v: Record<string, unknown>) => {
      for (const [k, val] of Object.entries(v)) {
        if (k === '$all') {
          if (val) out.push(prefix ? `${prefix}` : '*');
        } else if (val === true) out.push(prefix ? `${prefix}/${k}` : k);
        else if (val && typeof val === 'object') walk(prefix ? `${prefix}/${k}` : k, val as Record<string, unknown>);
      }
    };
    walk('', o);
    return out;
  }
  throw invalidArgument('load', 'option');
}

/** Base of every proxy: `context`, `load`, `toJSON`, `set`, `isNullObject`, `track`/`untrack`. */
export abstract class SimClientObject {
  /** @internal */ _fields: Record<string, unknown> = Object.create(null);
  /** @internal */ _children = new Map<string, SimClientObject>();
  /** @internal */ _isNull: boolean | undefined = undefined;
  /** @internal */ _cache: { entity: unknown } | undefined;

  constructor(
    readonly context: SimRequestContext,
    /** @internal */ readonly _resolver: Resolver,
    /** @internal */ readonly _cacheable = true,
  ) {}

  get isNullObject(): boolean {
    if (this._isNull === undefined) throw propertyNotLoaded('', 'isNullObject');
    return this._isNull;
  }

  /** @internal The host-side entity (null for a null object); resolved once, then kept, like a tracked object. */
  _resolve(exec: Exec): any {
    if (this._cache) return this._cache.entity;
    const entity = this._resolver(exec) ?? null;
    if (this._cacheable) this._cache = { entity };
    return entity;
  }

  /** @internal */
  _queue(location: string, payload: unknown, run: (exec: Exec) => void, counted = true): void {
    this.context._enqueue({ location, payload, run, counted });
  }

  /** @internal Queues a method whose effect is on the host only. */
  _method(member: string, args: unknown[], run: (entity: any, exec: Exec) => void): void {
    checkApi(this.context, member);
    this._queue(member, { method: member, args: args.map(argForPayload) }, (exec) => {
      const e = this._resolve(exec);
      if (e !== null) run(e, exec);
    });
  }

  /** @internal A probe that fills `isNullObject` at the next sync (what Office.js does for *OrNullObject). */
  _probeNull(): this {
    this._queue(
      'probe',
      null,
      (exec) => {
        const e = this._resolve(exec);
        exec.results.push(() => {
          this._isNull = e === null;
        });
      },
      false,
    );
    return this;
  }

  load(option?: unknown): this {
    const paths = parseLoadOption(option);
    const meta = metaOf(this);
    this._queue(`${meta.className}.load`, { load: paths ?? '*' }, (exec) => runLoad(this, paths, exec));
    return this;
  }

  set(properties: Record<string, unknown>, _options?: unknown): void {
    if (properties instanceof SimClientObject) properties = properties.toJSON() as Record<string, unknown>;
    const meta = metaOf(this);
    for (const [k, v] of Object.entries(properties)) {
      if (meta.props.has(k)) {
        if (!meta.props.get(k)!.set) throw invalidArgument(`${meta.className}.${k}`, 'read-only property');
        (this as unknown as Record<string, unknown>)[k] = v;
      } else if (meta.navs.has(k) && v && typeof v === 'object') {
        (this as unknown as Record<string, SimClientObject>)[k].set(v as Record<string, unknown>);
      } else throw invalidArgument(`${meta.className}.set`, `unknown property ${k}`);
    }
  }

  toJSON(): Record<string, unknown> {
    const meta = metaOf(this);
    const out: Record<string, unknown> = {};
    for (const name of meta.props.keys()) if (this._fields[name] !== undefined) out[name] = this._fields[name];
    for (const [name, child] of this._children) {
      const j = child.toJSON();
      if (Object.keys(j).length) out[name] = j;
    }
    return out;
  }

  track(): this {
    return this;
  }

  untrack(): this {
    return this;
  }
}

/** A collection proxy: `items` is available after a load. */
export abstract class SimCollection<T extends SimClientObject> extends SimClientObject {
  /** @internal */ _items: T[] | undefined;

  get items(): T[] {
    if (this._isNull) return undefined as unknown as T[];
    if (!this._items) throw propertyNotLoaded(metaOf(this).className, 'items');
    return this._items;
  }

  /** @internal The host entities of the members, in order. */
  abstract _entities(entity: any, exec: Exec): unknown[];
  /** @internal A proxy bound to one member entity. */
  abstract _itemProxy(entity: unknown): T;

  override toJSON(): Record<string, unknown> {
    return this._items ? { items: this._items.map((i) => i.toJSON()) } : {};
  }
}

/** Runs a load against the host and schedules the results for the proxies. */
function runLoad(obj: SimClientObject, paths: string[] | undefined, exec: Exec): void {
  const entity = obj._resolve(exec);
  if (entity === null) {
    exec.results.push(() => {
      obj._isNull = true;
    });
    return;
  }
  if (obj instanceof SimCollection) {
    const ents = obj._entities(entity, exec);
    const itemPaths = paths?.filter((p) => p !== '*');
    const items = ents.map((e) => {
      const proxy = obj._itemProxy(e);
      proxy._cache = { entity: e };
      runLoad(proxy, itemPaths && itemPaths.length ? itemPaths : undefined, exec);
      return proxy;
    });
    exec.results.push(() => {
      obj._isNull = false;
      obj._items = items;
    });
    return;
  }
  const meta = metaOf(obj);
  const scalars = new Set<string>();
  const childPaths = new Map<string, string[] | undefined>();
  if (!paths) {
    for (const [name, spec] of meta.props) if (!spec.explicitOnly) scalars.add(name);
  } else {
    for (const p of paths) {
      if (p === '*') {
        for (const [name, spec] of meta.props) if (!spec.explicitOnly) scalars.add(name);
        continue;
      }
      const [head, ...rest] = p.split('/');
      const key = [...meta.props.keys(), ...meta.navs.keys()].find((k) => k.toLowerCase() === head.toLowerCase());
      if (key && meta.props.has(key) && rest.length === 0) scalars.add(key);
      else if (key && meta.navs.has(key)) {
        const prev = childPaths.get(key);
        if (rest.length === 0) childPaths.set(key, undefined);
        else if (prev !== undefined || !childPaths.has(key)) childPaths.set(key, [...(prev ?? []), rest.join('/')]);
      } else
        throw hostError('InvalidArgument', `${meta.className}.load`, `unknown property "${p}" on ${meta.className}`);
    }
  }
  const values: Record<string, unknown> = {};
  for (const name of scalars) {
    checkApi(obj.context, `${meta.className}.${name}`);
    const v = meta.props.get(name)!.get(entity, exec);
    values[name] = v;
    exec.responseBytes += estimateJsonLength(v);
  }
  exec.results.push(() => {
    obj._isNull = false;
    Object.assign(obj._fields, values);
  });
  for (const [name, sub] of childPaths) {
    const child = (obj as unknown as Record<string, SimClientObject>)[name];
    runLoad(child, sub, exec);
  }
}

export function estimateJsonLength(v: unknown): number {
  if (v === null || v === undefined) return 4;
  if (typeof v === 'number') return String(v).length;
  if (typeof v === 'boolean') return v ? 4 : 5;
  if (typeof v === 'string') return v.length + 2;
  if (Array.isArray(v)) {
    let n = 2;
    for (const x of v) n += estimateJsonLength(x) + 1;
    return n;
  }
  return JSON.stringify(v)?.length ?? 0;
}

/** UTF-8 bytes of a string (what a request body weighs). */
export const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

function argForPayload(a: unknown): unknown {
  if (a instanceof SimClientObject) return { objectPath: true };
  return a;
}

/** `OfficeExtension.ClientResult<T>`: `value` is readable after the sync that computed it. */
export class SimClientResult<T> {
  /** @internal */ _value: T | undefined;
  /** @internal */ _set = false;
  get value(): T {
    if (!this._set) throw valueNotLoaded();
    return this._value as T;
  }
  toJSON(): unknown {
    return this._set ? { value: this._value } : {};
  }
}

/** Queues a method that returns a ClientResult. */
export function queueResult<T>(
  obj: SimClientObject,
  member: string,
  args: unknown[],
  compute: (entity: any, exec: Exec) => T,
): SimClientResult<T> {
  checkApi(obj.context, member);
  const r = new SimClientResult<T>();
  obj._queue(member, { method: member, args: args.map(argForPayload) }, (exec) => {
    const e = obj._resolve(exec);
    const v = e === null ? (null as T) : compute(e, exec);
    exec.responseBytes += estimateJsonLength(v);
    exec.results.push(() => {
      r._value = v;
      r._set = true;
    });
  });
  return r;
}

/** `Excel.RequestContext`. */
export class SimRequestContext {
  /** @internal */ _pending: Op[] = [];
  /** @internal Ranges resolved in this context (released when its run ends). */
  _refs = new Set<RangeRef>();
  /** @internal */ readonly _sim: ExcelSim;
  readonly workbook: any;
  readonly application: any;
  readonly runtime: any;
  readonly trackedObjects = { add: (_o: unknown) => undefined, remove: (_o: unknown) => undefined };
  debugInfo: Record<string, unknown> = {};

  constructor(sim: ExcelSim) {
    this._sim = sim;
    this.workbook = sim._makeWorkbook(this);
    this.application = this.workbook.application;
    this.runtime = sim._makeRuntime(this);
  }

  /** @internal */
  _enqueue(op: Op): void {
    this._pending.push(op);
  }

  load<T extends SimClientObject>(obj: T, option?: unknown): T {
    if (obj.context !== this) throw new SimOfficeError('InvalidRequestContext');
    return obj.load(option);
  }

  trace(_message: string): void {}

  async sync<T>(passThroughValue?: T): Promise<T> {
    const ops = this._pending;
    this._pending = [];
    await Promise.resolve();
    this._sim._execute(this, ops);
    return passThroughValue as T;
  }
}
