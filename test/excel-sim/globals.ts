/**
 * `installOfficeGlobals(sim)`: makes the simulator stand in for Office.js — `Excel` (run, the enums, the
 * classes), `Office` (onReady, context.requirements.isSetSupported answering from the simulated ExcelApi
 * version, host/platform) and `OfficeExtension` (Error, ErrorCodes, ClientResult). Works in jest and in
 * a browser page (no Node APIs). Returns a function that puts the previous globals back.
 */
import * as Ranges from './api-range';
import * as Sheets from './api-sheet';
import * as Books from './api-workbook';
import { SimClientResult, SimRequestContext } from './client';
import { SimOfficeError } from './errors';
import { EXCEL_ENUMS } from './generated';
import type { ExcelSim } from './sim';

export interface OfficeGlobals {
  Excel: Record<string, unknown>;
  Office: Record<string, any>;
  OfficeExtension: Record<string, unknown>;
}

export function makeOfficeGlobals(sim: ExcelSim): OfficeGlobals {
  const Excel: Record<string, unknown> = {
    ...EXCEL_ENUMS,
    run: (...args: unknown[]) => sim.run(...args),
    RequestContext: SimRequestContext,
    Range: Ranges.Range,
    RangeFormat: Ranges.RangeFormat,
    DataValidation: Ranges.DataValidation,
    ConditionalFormat: Ranges.ConditionalFormat,
    Worksheet: Sheets.Worksheet,
    WorksheetCollection: Sheets.WorksheetCollection,
    Workbook: Books.Workbook,
    NamedItem: Books.NamedItem,
    NamedItemCollection: Books.NamedItemCollection,
  };
  const requirements = {
    isSetSupported: (name: string, version?: string | number) =>
      sim.isSetSupported(name, version === undefined ? '1.1' : String(version)),
  };
  const info = { host: 'Excel', platform: sim.options.platform };
  const Office: Record<string, any> = {
    HostType: {
      Excel: 'Excel',
      Word: 'Word',
      PowerPoint: 'PowerPoint',
      Outlook: 'Outlook',
      OneNote: 'OneNote',
      Project: 'Project',
      Access: 'Access',
    },
    PlatformType: {
      PC: 'PC',
      OfficeOnline: 'OfficeOnline',
      Mac: 'Mac',
      iOS: 'iOS',
      Android: 'Android',
      Universal: 'Universal',
    },
    context: {
      host: 'Excel',
      platform: sim.options.platform,
      contentLanguage: 'vi-VN',
      displayLanguage: 'vi-VN',
      diagnostics: { host: 'Excel', platform: sim.options.platform, version: '16.0.0.0' },
      requirements,
    },
    isSetSupported: requirements.isSetSupported,
    onReady(callback?: (i: typeof info) => void): Promise<typeof info> {
      return new Promise((resolve) =>
        setTimeout(() => {
          callback?.(info);
          resolve(info);
        }, 0),
      );
    },
  };
  const OfficeExtension: Record<string, unknown> = {
    Error: SimOfficeError,
    ErrorCodes: {
      accessDenied: 'AccessDenied',
      apiNotFound: 'ApiNotFound',
      generalException: 'GeneralException',
      invalidArgument: 'InvalidArgument',
      invalidObjectPath: 'InvalidObjectPath',
      invalidRequestContext: 'InvalidRequestContext',
      itemNotFound: 'ItemNotFound',
      propertyNotLoaded: 'PropertyNotLoaded',
      runMustReturnPromise: 'RunMustReturnPromise',
      valueNotLoaded: 'ValueNotLoaded',
      requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
      responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
    },
    ClientResult: SimClientResult,
    EventHandlers: Sheets.SimEventHandlers,
  };
  return { Excel, Office, OfficeExtension };
}

export function installOfficeGlobals(
  sim: ExcelSim,
  target: Record<string, unknown> = globalThis as unknown as Record<string, unknown>,
): () => void {
  const previous = { Excel: target.Excel, Office: target.Office, OfficeExtension: target.OfficeExtension };
  const g = makeOfficeGlobals(sim);
  target.Excel = g.Excel;
  target.Office = g.Office;
  target.OfficeExtension = g.OfficeExtension;
  // Office.js calls Office.initialize (if the page set one) once it is ready.
  setTimeout(() => {
    if (typeof g.Office.initialize === 'function') g.Office.initialize('documentOpened');
  }, 0);
  return () => {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete target[k];
      else target[k] = v;
    }
  };
}
