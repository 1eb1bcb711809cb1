import type { BmadLauncher } from '../git/gitDrivers';
import { checkGitTools, initProjectRepository } from './git';
import { isEmptyFolder, ProjectError, writeProjectTemplate, type ProjectOptions } from './template';

/**
 * A new film project from start to first commit, with node APIs only: checks the tools and the
 * folder before writing anything. `progress` names each step for a notification or a CLI line;
 * `launcher` is how git's merge and diff drivers will start bmad (gitDrivers.ts).
 */
export async function createProject(
  dir: string,
  opts: ProjectOptions,
  progress: (step: string) => void = () => {},
  launcher?: BmadLauncher,
): Promise<string[]> {
  progress('Checking Git and Git LFS…');
  await checkGitTools();
  if (!(await isEmptyFolder(dir))) {
    throw new ProjectError(`${dir} is not empty. Choose an empty folder for a new film project.`);
  }
  progress('Writing the project…');
  const files = await writeProjectTemplate(dir, opts);
  progress('Creating the Git repository…');
  await initProjectRepository(dir, opts.name, launcher);
  return files;
}
