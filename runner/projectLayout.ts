/**
 * The film project's layout and creation, shared with the "New Film Project" command. It is plain
 * node fs + simple-git (no vscode), but it lives in extension/, which scripts/lint.mjs says nothing
 * outside extension/ may import. This file is the only place runner/ reaches into extension/: once
 * those modules move to runner/ (where ARCHITECTURE.md's `extension → runner` direction puts them),
 * only these imports change.
 */
export { createProject } from './newProject/create';
export { ToolMissingError } from './newProject/git';
export {
  CACHE_DIR,
  CANVAS_DIR,
  LOCK_FILE,
  MAIN_CANVAS,
  PROJECT_FILE,
  ProjectError,
  ProjectManifest,
  RENDERS_DIR,
  writeProjectTemplate,
} from './newProject/template';
