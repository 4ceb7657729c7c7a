/**
 * Workbook, names (NamedItemCollection/NamedItem), Application, Runtime, document properties and
 * custom XML parts.
 */
import { quoteSheet, rectA1Abs } from './a1';
import { Range, rangeFrom } from './api-range';
import { Worksheet, WorksheetCollection } from './api-sheet';
import { Exec, SimClientObject, SimCollection, SimRequestContext, checkApi, defineClass, queueResult } from './client';
import { hostError } from './errors';
import type { NameModel, RangeRef, WorkbookModel } from './model';

const M = (exec: Exec): WorkbookModel => exec.sim.model;

// ==================================================================== names

/** Workbook names (`scope` undefined) or one worksheet's names (`scope` resolves to its id). */
export class NamedItemCollection extends SimCollection<NamedItem> {
  constructor(
    ctx: SimRequestContext,
    resolver: (exec: Exec) => unknown,
    /** @internal */ readonly _scope: ((exec: Exec) => string | null) | undefined,
  ) {
    super(ctx, resolver, false);
  }

  private scopeId(exec: Exec): string | undefined {
    return this._scope ? (this._scope(exec) ?? undefined) : undefined;
  }

  /** `reference`: a Range, or a formula such as "=Sheet1!$D$9" (Office docs). */
  add(name: string, reference: Range | string, comment?: string): NamedItem {
    checkApi(this.context, 'NamedItemCollection.add');
    const item = new NamedItem(this.context, () => null);
    this._queue(
      'NamedItemCollection.add',
      { method: 'add', args: [name, typeof reference === 'string' ? reference : 'Range', comment] },
      (exec) => {
        let formula: string;
        if (reference instanceof Range) {
          if (reference.context !== this.context) throw hostError('InvalidRequestContext', 'NamedItemCollection.add');
          const ref = reference._resolve(exec) as RangeRef | null;
          if (!ref) throw hostError('InvalidArgument', 'NamedItemCollection.add', 'the reference is a null object');
          formula = `=${quoteSheet(ref.sheet.name)}!${rectA1Abs(ref.rect)}`;
        } else if (typeof reference === 'string') formula = reference;
        else throw hostError('InvalidArgument', 'NamedItemCollection.add', 'reference');
        item._cache = {
          entity: M(exec).addName(name, formula, comment ?? '', this.scopeId(exec), 'NamedItemCollection.add'),
        };
      },
    );
    return item;
  }

  addFormulaLocal(name: string, formula: string, comment?: string): NamedItem {
    return this.add(name, formula, comment);
  }

  getItem(name: string): NamedItem {
    checkApi(this.context, 'NamedItemCollection.getItem');
    return new NamedItem(this.context, (exec) => {
      const n = M(exec).findName(name, this.scopeId(exec));
      if (!n) throw hostError('ItemNotFound', 'NamedItemCollection.getItem', `no name "${name}"`);
      return n;
    });
  }

  getItemOrNullObject(name: string): NamedItem {
    checkApi(this.context, 'NamedItemCollection.getItemOrNullObject');
    return new NamedItem(this.context, (exec) => M(exec).findName(name, this.scopeId(exec)) ?? null)._probeNull();
  }

  getCount() {
    return queueResult(this, 'NamedItemCollection.getCount', [], (_e, exec) => this._entities(null, exec).length);
  }

  _entities(_e: unknown, exec: Exec): unknown[] {
    const scope = this.scopeId(exec);
    return M(exec).names.filter((n) => n.scopeSheetId === scope);
  }

  _itemProxy(): NamedItem {
    return new NamedItem(this.context, () => null);
  }
}
defineClass(NamedItemCollection, 'NamedItemCollection', [], {}, true);

export class NamedItem extends SimClientObject {
  declare readonly name: string;
  declare readonly type: string;
  declare readonly value: unknown;
  declare formula: string;
  declare comment: string;
  declare visible: boolean;
  declare readonly scope: string;

  /** Fails (at sync) when the name is not a reference to a range. */
  getRange(): Range {
    checkApi(this.context, 'NamedItem.getRange');
    return rangeFrom(
      this.context,
      this,
      (n: NameModel, exec) => {
        const ref = M(exec).nameRange(n);
        if (!ref)
          throw hostError(
            'InvalidOperation',
            'NamedItem.getRange',
            `the name "${n.name}" does not refer to a range (${M(exec).nameFormula(n)})`,
          );
        return ref;
      },
      'NamedItem.getRange',
    );
  }

  getRangeOrNullObject(): Range {
    checkApi(this.context, 'NamedItem.getRangeOrNullObject');
    return rangeFrom(
      this.context,
      this,
      (n: NameModel, exec) => M(exec).nameRange(n) ?? null,
      'NamedItem.getRangeOrNullObject',
    )._probeNull();
  }

  delete(): void {
    this._method('NamedItem.delete', [], (n: NameModel, exec) => M(exec).deleteName(n));
  }

  override _resolve(exec: Exec): any {
    const n = super._resolve(exec) as NameModel | null;
    if (n && !M(exec).names.includes(n))
      throw hostError('ItemNotFound', 'NamedItem', `the name "${n.name}" was deleted`);
    return n;
  }
}
defineClass(
  NamedItem,
  'NamedItem',
  [
    { name: 'name', get: (n: NameModel) => n.name },
    { name: 'type', get: (n: NameModel, exec) => M(exec).nameValue(n).type },
    { name: 'value', get: (n: NameModel, exec) => M(exec).nameValue(n).value },
    {
      name: 'formula',
      get: (n: NameModel, exec) => M(exec).nameFormula(n),
      set: (n: NameModel, v, exec) => M(exec).setNameFormula(n, String(v), 'NamedItem.formula'),
    },
    { name: 'comment', get: (n: NameModel) => n.comment, set: (n: NameModel, v) => (n.comment = String(v)) },
    { name: 'visible', get: (n: NameModel) => n.visible, set: (n: NameModel, v) => (n.visible = !!v) },
    { name: 'scope', get: (n: NameModel) => (n.scopeSheetId ? 'Worksheet' : 'Workbook') },
  ],
  {
    worksheet: (p) =>
      new Worksheet(p.context, (exec) => {
        const n = p._resolve(exec) as NameModel | null;
        if (n && !n.scopeSheetId)
          throw hostError('ItemNotFound', 'NamedItem.worksheet', 'the name is scoped to the workbook');
        return n ? M(exec).sheetById(n.scopeSheetId!) : null;
      }),
    worksheetOrNullObject: (p) =>
      new Worksheet(p.context, (exec) => {
        const n = p._resolve(exec) as NameModel | null;
        return n?.scopeSheetId ? (M(exec).sheetById(n.scopeSheetId) ?? null) : null;
      })._probeNull(),
  },
);

// ==================================================================== application, runtime

export class Application extends SimClientObject {
  declare calculationMode: string;
  declare readonly decimalSeparator: string;
  declare readonly thousandsSeparator: string;

  calculate(calculationType: string): void {
    this._method('Application.calculate', [calculationType], () => undefined);
  }

  /** Formulas here are always up to date (HyperFormula recalculates on each write), so this only queues a command. */
  suspendApiCalculationUntilNextSync(): void {
    this._method('Application.suspendApiCalculationUntilNextSync', [], () => undefined);
  }

  suspendScreenUpdatingUntilNextSync(): void {
    this._method('Application.suspendScreenUpdatingUntilNextSync', [], () => undefined);
  }
}
defineClass(Application, 'Application', [
  {
    name: 'calculationMode',
    get: (_e, exec) => exec.sim.calculationMode,
    set: (_e, v, exec) => (exec.sim.calculationMode = v),
  },
  { name: 'calculationState', get: () => 'Done' },
  { name: 'decimalSeparator', get: (_e, exec) => M(exec).opts.locale.decimalSeparator },
  { name: 'thousandsSeparator', get: (_e, exec) => M(exec).opts.locale.thousandsSeparator },
  { name: 'useSystemSeparators', get: () => true },
]);

/** `context.runtime.enableEvents`: while false, this add-in's event handlers are not called. */
export class Runtime extends SimClientObject {
  declare enableEvents: boolean;
}
defineClass(Runtime, 'Runtime', [
  {
    name: 'enableEvents',
    get: (_e, exec) => exec.sim.enableEvents,
    set: (_e, v, exec) => (exec.sim.enableEvents = !!v),
  },
]);

// ==================================================================== document properties

export class DocumentProperties extends SimClientObject {
  declare title: string;
  declare subject: string;
  declare author: string;
  declare keywords: string;
  declare comments: string;
  declare category: string;
  declare manager: string;
  declare company: string;
  declare readonly custom: CustomPropertyCollection;
}
defineClass(
  DocumentProperties,
  'DocumentProperties',
  [
    ...['title', 'subject', 'author', 'keywords', 'comments', 'category', 'manager', 'company'].map((name) => ({
      name,
      get: (_e: unknown, exec: Exec) => M(exec).properties[name],
      set: (_e: unknown, v: unknown, exec: Exec) => (M(exec).properties[name] = String(v)),
    })),
    { name: 'lastAuthor', get: (_e: unknown, exec: Exec) => M(exec).properties.lastAuthor },
    { name: 'revisionNumber', get: () => 1 },
    { name: 'creationDate', get: (_e: unknown, exec: Exec) => exec.sim.createdAt },
  ],
  { custom: (p) => new CustomPropertyCollection(p.context, () => ({}), false) },
);

export class CustomPropertyCollection extends SimCollection<CustomProperty> {
  add(key: string, value: unknown): CustomProperty {
    const p = new CustomProperty(this.context, () => null);
    this._queue('CustomPropertyCollection.add', { method: 'add', args: [key, value] }, (exec) => {
      if (!key || key.length > 255) throw hostError('InvalidArgument', 'CustomPropertyCollection.add', `key "${key}"`);
      const entry = { key, value };
      M(exec).customProperties.set(key.toLowerCase(), entry);
      p._cache = { entity: entry };
    });
    return p;
  }
  getItem(key: string): CustomProperty {
    return new CustomProperty(this.context, (exec) => {
      const e = M(exec).customProperties.get(key.toLowerCase());
      if (!e) throw hostError('ItemNotFound', 'CustomPropertyCollection.getItem', `no custom property "${key}"`);
      return e;
    });
  }
  getItemOrNullObject(key: string): CustomProperty {
    return new CustomProperty(
      this.context,
      (exec) => M(exec).customProperties.get(key.toLowerCase()) ?? null,
    )._probeNull();
  }
  deleteAll(): void {
    this._method('CustomPropertyCollection.deleteAll', [], (_e, exec) => M(exec).customProperties.clear());
  }
  getCount() {
    return queueResult(this, 'CustomPropertyCollection.getCount', [], (_e, exec) => M(exec).customProperties.size);
  }
  _entities(_e: unknown, exec: Exec): unknown[] {
    return [...M(exec).customProperties.values()];
  }
  _itemProxy(): CustomProperty {
    return new CustomProperty(this.context, () => null);
  }
}
defineClass(CustomPropertyCollection, 'CustomPropertyCollection', [], {}, true);

export class CustomProperty extends SimClientObject {
  declare readonly key: string;
  declare value: unknown;
  declare readonly type: string;
  delete(): void {
    this._method('CustomProperty.delete', [], (e: { key: string }, exec) =>
      M(exec).customProperties.delete(e.key.toLowerCase()),
    );
  }
}
defineClass(CustomProperty, 'CustomProperty', [
  { name: 'key', get: (e: { key: string }) => e.key },
  { name: 'value', get: (e: { value: unknown }) => e.value, set: (e: { value: unknown }, v) => (e.value = v) },
  {
    name: 'type',
    get: (e: { value: unknown }) =>
      typeof e.value === 'number'
        ? Number.isInteger(e.value)
          ? 'Number'
          : 'Float'
        : typeof e.value === 'boolean'
          ? 'Boolean'
          : e.value instanceof Date
            ? 'Date'
            : 'String',
  },
]);

// ==================================================================== custom XML parts

interface XmlPart {
  id: string;
  xml: string;
  namespaceUri: string;
}

function namespaceOf(xml: string): string {
  const root = /<([\w:.-]+)([^>]*)>/.exec(xml.replace(/<\?[^>]*\?>/g, ''));
  const attrs = root?.[2] ?? '';
  const prefix = root?.[1].includes(':') ? root[1].split(':')[0] : '';
  const re = prefix ? new RegExp(`xmlns:${prefix}="([^"]*)"`) : /xmlns="([^"]*)"/;
  return re.exec(attrs)?.[1] ?? '';
}

export class CustomXmlPartCollection extends SimCollection<CustomXmlPart> {
  constructor(
    ctx: SimRequestContext,
    resolver: (exec: Exec) => unknown,
    /** @internal */ readonly _namespace?: string,
  ) {
    super(ctx, resolver, false);
  }

  add(xml: string): CustomXmlPart {
    checkApi(this.context, 'CustomXmlPartCollection.add');
    const part = new CustomXmlPart(this.context, () => null);
    this._queue('CustomXmlPartCollection.add', { method: 'add', args: [xml] }, (exec) => {
      if (typeof xml !== 'string' || !/^\s*(<\?xml[^>]*\?>\s*)?<[\w:.-]+/.test(xml))
        throw hostError('InvalidArgument', 'CustomXmlPartCollection.add', 'not an XML document');
      const entity: XmlPart = { id: M(exec).newId('C0570000'), xml, namespaceUri: namespaceOf(xml) };
      M(exec).customXmlParts.push(entity);
      part._cache = { entity };
    });
    return part;
  }

  getByNamespace(namespaceUri: string): CustomXmlPartCollection {
    checkApi(this.context, 'CustomXmlPartCollection.getByNamespace');
    return new CustomXmlPartCollection(this.context, () => ({}), namespaceUri);
  }

  getItem(id: string): CustomXmlPart {
    return new CustomXmlPart(this.context, (exec) => {
      const p = this._entities(null, exec).find((x) => (x as XmlPart).id === id);
      if (!p) throw hostError('ItemNotFound', 'CustomXmlPartCollection.getItem', `no custom XML part ${id}`);
      return p;
    });
  }

  getItemOrNullObject(id: string): CustomXmlPart {
    return new CustomXmlPart(
      this.context,
      (exec) => this._entities(null, exec).find((x) => (x as XmlPart).id === id) ?? null,
    )._probeNull();
  }

  /** Scoped collections (getByNamespace) only. */
  getOnlyItem(): CustomXmlPart {
    return new CustomXmlPart(this.context, (exec) => {
      const all = this._entities(null, exec);
      if (all.length !== 1)
        throw hostError(
          all.length ? 'InvalidOperation' : 'ItemNotFound',
          'CustomXmlPartScopedCollection.getOnlyItem',
          `${all.length} parts`,
        );
      return all[0];
    });
  }

  getOnlyItemOrNullObject(): CustomXmlPart {
    return new CustomXmlPart(this.context, (exec) => {
      const all = this._entities(null, exec);
      if (all.length > 1)
        throw hostError(
          'InvalidOperation',
          'CustomXmlPartScopedCollection.getOnlyItemOrNullObject',
          `${all.length} parts`,
        );
      return all[0] ?? null;
    })._probeNull();
  }

  getCount() {
    return queueResult(this, 'CustomXmlPartCollection.getCount', [], (_e, exec) => this._entities(null, exec).length);
  }

  _entities(_e: unknown, exec: Exec): unknown[] {
    return M(exec).customXmlParts.filter((p) => this._namespace === undefined || p.namespaceUri === this._namespace);
  }

  _itemProxy(): CustomXmlPart {
    return new CustomXmlPart(this.context, () => null);
  }
}
defineClass(CustomXmlPartCollection, 'CustomXmlPartCollection', [], {}, true);

export class CustomXmlPart extends SimClientObject {
  declare readonly id: string;
  declare readonly namespaceUri: string;
  getXml() {
    return queueResult(this, 'CustomXmlPart.getXml', [], (p: XmlPart) => p.xml);
  }
  setXml(xml: string): void {
    this._method('CustomXmlPart.setXml', [xml], (p: XmlPart) => {
      p.xml = xml;
      p.namespaceUri = namespaceOf(xml);
    });
  }
  delete(): void {
    this._method('CustomXmlPart.delete', [], (p: XmlPart, exec) => {
      M(exec).customXmlParts = M(exec).customXmlParts.filter((x) => x !== p);
    });
  }
}
defineClass(CustomXmlPart, 'CustomXmlPart', [
  { name: 'id', get: (p: XmlPart) => p.id },
  { name: 'namespaceUri', get: (p: XmlPart) => p.namespaceUri },
]);

// ==================================================================== Workbook

export class Workbook extends SimClientObject {
  declare readonly worksheets: WorksheetCollection;
  declare readonly names: NamedItemCollection;
  declare readonly application: Application;
  declare readonly properties: DocumentProperties;
  declare readonly customXmlParts: CustomXmlPartCollection;
  declare readonly name: string;

  /** The selection on the active sheet (A1 until something is selected). */
  getSelectedRange(): Range {
    checkApi(this.context, 'Workbook.getSelectedRange');
    return new Range(this.context, (exec) => {
      const sel = M(exec).selection;
      if (!sel) throw hostError('InvalidSelection', 'Workbook.getSelectedRange');
      return exec.sim._track(exec, sel.sheet, sel.rect);
    });
  }

  getActiveCell(): Range {
    checkApi(this.context, 'Workbook.getActiveCell');
    return new Range(this.context, (exec) => {
      const sel = M(exec).selection;
      if (!sel) throw hostError('InvalidSelection', 'Workbook.getActiveCell');
      return exec.sim._track(exec, sel.sheet, { r0: sel.rect.r0, c0: sel.rect.c0, r1: sel.rect.r0, c1: sel.rect.c0 });
    });
  }
}
defineClass(
  Workbook,
  'Workbook',
  [
    { name: 'name', get: (_e, exec) => exec.sim.options.workbookName },
    { name: 'readOnly', get: () => false },
  ],
  {
    worksheets: (p) => new WorksheetCollection(p.context, () => ({}), false),
    names: (p) => new NamedItemCollection(p.context, () => ({}), undefined),
    application: (p) => new Application(p.context, () => ({}), false),
    properties: (p) => new DocumentProperties(p.context, () => ({}), false),
    customXmlParts: (p) => new CustomXmlPartCollection(p.context, () => ({}), undefined),
  },
);

export function makeWorkbook(ctx: SimRequestContext): Workbook {
  return new Workbook(ctx, () => ({}), false);
}

export function makeRuntime(ctx: SimRequestContext): Runtime {
  return new Runtime(ctx, () => ({}), false);
}

export function makeSheetNames(ctx: SimRequestContext, scope: (exec: Exec) => string | null): NamedItemCollection {
  return new NamedItemCollection(ctx, (exec) => (scope(exec) === null ? null : {}), scope);
}
