/**
 * The CSS variables and body class VS Code gives a webview, for three built-in themes (values from
 * Dark Modern, Light Modern and Dark High Contrast). Only what the canvas and @vscode-elements read.
 */
const COMMON = {
  'font-family': 'system-ui, "Segoe UI", Ubuntu, "Droid Sans", sans-serif',
  'font-size': '13px',
  'font-weight': 'normal',
  'editor-font-family': 'Menlo, Monaco, "Courier New", monospace',
  'editor-font-size': '13px',
};

const DARK = {
  'editor-background': '#1f1f1f', foreground: '#cccccc', 'descriptionForeground': '#9d9d9d',
  'editor-foreground': '#cccccc', 'editorWidget-background': '#202020', 'editorWidget-foreground': '#cccccc',
  'editorWidget-border': '#454545', 'widget-border': '#313131', 'widget-shadow': '#0000005c', focusBorder: '#0078d4',
  'badge-background': '#616161', 'badge-foreground': '#f8f8f8', 'charts-red': '#f14c4c', 'charts-blue': '#3794ff',
  'charts-yellow': '#cca700', 'charts-orange': '#d18616', 'charts-green': '#89d185', 'charts-purple': '#b180d7',
  'charts-foreground': '#cccccc', 'charts-lines': '#cccccc80', 'editorLineNumber-foreground': '#6e7681', errorForeground: '#f85149',
  'editorWarning-foreground': '#cca700',
  'inputValidation-errorBorder': '#be1100', 'input-background': '#313131', 'input-border': '#3c3c3c', 'input-foreground': '#cccccc',
  'input-placeholderForeground': '#989898', 'dropdown-background': '#313131', 'dropdown-border': '#3c3c3c',
  'dropdown-foreground': '#cccccc', 'dropdown-listBackground': '#1f1f1f', 'checkbox-background': '#313131',
  'checkbox-border': '#3c3c3c', 'checkbox-foreground': '#cccccc', 'button-background': '#0078d4', 'button-foreground': '#ffffff',
  'button-hoverBackground': '#026ec1', 'button-border': '#ffffff12', 'button-secondaryBackground': '#313131',
  'button-secondaryForeground': '#cccccc', 'button-secondaryHoverBackground': '#3c3c3c', 'sideBar-background': '#181818',
  'sideBar-foreground': '#cccccc', 'panel-border': '#2b2b2b', 'toolbar-hoverBackground': '#5a5d5e50',
  'list-activeSelectionBackground': '#04395e', 'list-hoverBackground': '#2a2d2e', 'list-focusOutline': '#0078d4',
  'quickInput-background': '#222222',
};

const LIGHT = {
  'editor-background': '#ffffff', foreground: '#3b3b3b', 'descriptionForeground': '#717171',
  'editor-foreground': '#3b3b3b', 'editorWidget-background': '#f8f8f8', 'editorWidget-foreground': '#3b3b3b',
  'editorWidget-border': '#c8c8c8', 'widget-border': '#e5e5e5', 'widget-shadow': '#00000029', focusBorder: '#005fb8',
  'badge-background': '#cccccc', 'badge-foreground': '#3b3b3b', 'charts-red': '#e51400', 'charts-blue': '#1a85ff',
  'charts-yellow': '#bf8803', 'charts-orange': '#d18616', 'charts-green': '#388a34', 'charts-purple': '#652d90',
  'charts-foreground': '#616161', 'charts-lines': '#61616180', 'editorLineNumber-foreground': '#6e7681', errorForeground: '#f85149',
  'editorWarning-foreground': '#bf8803',
  'inputValidation-errorBorder': '#be1100', 'input-background': '#ffffff', 'input-border': '#cecece', 'input-foreground': '#3b3b3b',
  'input-placeholderForeground': '#767676', 'dropdown-background': '#ffffff', 'dropdown-border': '#cecece',
  'dropdown-foreground': '#3b3b3b', 'dropdown-listBackground': '#ffffff', 'checkbox-background': '#f8f8f8',
  'checkbox-border': '#cecece', 'checkbox-foreground': '#3b3b3b', 'button-background': '#005fb8', 'button-foreground': '#ffffff',
  'button-hoverBackground': '#0258a8', 'button-border': '#0000001a', 'button-secondaryBackground': '#e5e5e5',
  'button-secondaryForeground': '#3b3b3b', 'button-secondaryHoverBackground': '#cccccc', 'sideBar-background': '#f8f8f8',
  'sideBar-foreground': '#3b3b3b', 'panel-border': '#e5e5e5', 'toolbar-hoverBackground': '#b8b8b850',
  'list-activeSelectionBackground': '#e8e8e8', 'list-hoverBackground': '#f2f2f2', 'list-focusOutline': '#005fb8',
  'quickInput-background': '#f8f8f8',
};

const HIGH_CONTRAST = {
  'editor-background': '#000000', foreground: '#ffffff', 'descriptionForeground': '#ffffff',
  'editor-foreground': '#ffffff', 'editorWidget-background': '#0c141f', 'editorWidget-foreground': '#ffffff',
  'editorWidget-border': '#6fc3df', 'widget-border': '#6fc3df', 'widget-shadow': '#00000000', focusBorder: '#f38518',
  contrastBorder: '#6fc3df', contrastActiveBorder: '#f38518',
  'badge-background': '#000000', 'badge-foreground': '#ffffff', 'charts-red': '#f48771', 'charts-blue': '#3794ff',
  'charts-yellow': '#ffd700', 'charts-orange': '#f38518', 'charts-green': '#89d185', 'charts-purple': '#d2a8ff',
  'charts-foreground': '#ffffff', 'charts-lines': '#ffffff80', 'editorLineNumber-foreground': '#ffffff', errorForeground: '#f48771',
  'editorWarning-foreground': '#ffd370',
  'inputValidation-errorBorder': '#f48771', 'input-background': '#000000', 'input-border': '#6fc3df', 'input-foreground': '#ffffff',
  'input-placeholderForeground': '#ffffffb3', 'dropdown-background': '#000000', 'dropdown-border': '#6fc3df',
  'dropdown-foreground': '#ffffff', 'dropdown-listBackground': '#000000', 'checkbox-background': '#000000',
  'checkbox-border': '#6fc3df', 'checkbox-foreground': '#ffffff', 'button-background': '#000000', 'button-foreground': '#ffffff',
  'button-border': '#6fc3df', 'button-secondaryBackground': '#000000', 'button-secondaryForeground': '#ffffff',
  'sideBar-background': '#000000', 'sideBar-foreground': '#ffffff', 'panel-border': '#6fc3df',
  'list-activeSelectionBackground': '#000000', 'list-focusOutline': '#f38518', 'quickInput-background': '#000000',
};

export type ThemeName = 'dark' | 'light' | 'hc';

const THEMES: Record<ThemeName, { body: string; kind: string; vars: Record<string, string> }> = {
  dark: { body: 'vscode-dark', kind: 'vscode-dark', vars: DARK },
  light: { body: 'vscode-light', kind: 'vscode-light', vars: LIGHT },
  hc: { body: 'vscode-high-contrast', kind: 'vscode-high-contrast', vars: HIGH_CONTRAST },
};

/** Settings-editor colours default to the input and dropdown ones; @vscode-elements read these. */
function settingsColors(v: Record<string, string>): Record<string, string> {
  const d = (k: string) => v[k] ?? '';
  return {
    'settings-textInputBackground': d('input-background'), 'settings-textInputForeground': d('input-foreground'),
    'settings-textInputBorder': d('input-border'), 'settings-dropdownBackground': d('dropdown-background'),
    'settings-dropdownForeground': d('dropdown-foreground'), 'settings-dropdownBorder': d('dropdown-border'),
    'settings-dropdownListBorder': d('editorWidget-border'), 'settings-checkboxBackground': d('checkbox-background'),
    'settings-checkboxForeground': d('checkbox-foreground'), 'settings-checkboxBorder': d('checkbox-border'),
    'list-activeSelectionForeground': d('foreground'), 'list-hoverForeground': d('foreground'),
    'inputValidation-errorBackground': d('editorWidget-background'),
  };
}

/** Does what VS Code does: variables in <html style>, the theme kind as a class and attribute on <body>. */
export function applyVsCodeTheme(name: ThemeName): void {
  const t = THEMES[name] ?? THEMES.dark;
  const style = document.documentElement.style;
  for (const [k, v] of Object.entries({ ...COMMON, ...t.vars, ...settingsColors(t.vars) })) style.setProperty(`--vscode-${k}`, v);
  const apply = () => {
    document.body.classList.remove('vscode-dark', 'vscode-light', 'vscode-high-contrast');
    document.body.classList.add(t.body);
    document.body.dataset.vscodeThemeKind = t.kind;
  };
  if (document.body) apply();
  else document.addEventListener('DOMContentLoaded', apply, { once: true });
}
