import * as vscode from 'vscode';
import { CanvasSettings, Tier } from '../core';

/**
 * Settings are a boundary like any other: a hand-edited settings.json can hold anything, so each
 * value is checked and a wrong one falls back to the manifest's default instead of reaching the canvas.
 */
const DEFAULT_CANVAS: CanvasSettings = { snapToGrid: true, showMinimap: true };

export function canvasSettings(scope?: vscode.Uri): CanvasSettings {
  const c = vscode.workspace.getConfiguration('bmad.canvas', scope);
  const raw = { snapToGrid: c.get('snapToGrid'), showMinimap: c.get('showMinimap') };
  const r = CanvasSettings.safeParse(raw);
  return r.success ? r.data : { ...DEFAULT_CANVAS, ...pickBooleans(raw) };
}

function pickBooleans(raw: Record<string, unknown>): Partial<CanvasSettings> {
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'boolean'));
}

export function defaultTier(scope?: vscode.Uri): Tier {
  const r = Tier.safeParse(vscode.workspace.getConfiguration('bmad', scope).get('defaultTier'));
  return r.success ? r.data : 'low';
}

export const affectsCanvas = (e: vscode.ConfigurationChangeEvent, scope: vscode.Uri) => e.affectsConfiguration('bmad.canvas', scope);
