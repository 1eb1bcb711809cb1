import { formatIssue, type LocatedIssue } from '../../core/issues';
import { formatBytes } from '../../core/lfsPointer';
import { useSession } from '../hooks/useSession';
import { useUi } from '../hooks/useUi';
import type { UiState } from '../state/uiState';
import { VscodeButton } from './inspector/vscodeElements';

const selectFile = (s: UiState) => s.file;
const selectIssues = (s: UiState) => s.issues;
const selectLfsPointer = (s: UiState) => s.lfsPointer;

/**
 * The document cannot be read: say exactly where, and edit nothing. Each problem opens the text at
 * its line and column; Open as Text goes to the first one (problems come sorted by place). An LFS
 * pointer is not a broken canvas but one not yet fetched: it says so and offers Pull.
 */
export function ErrorView() {
  const session = useSession();
  const file = useUi(selectFile);
  const issues = useUi(selectIssues);
  const lfsPointer = useUi(selectLfsPointer);
  const open = (at?: LocatedIssue) => session.openAsText(at);
  if (lfsPointer) {
    return (
      <main className="error-view" role="alert">
        <h1>This canvas is a Git LFS pointer that has not been pulled ({formatBytes(lfsPointer.size)})</h1>
        <p>{file} holds only a reference to its content. Pull it from the remote to open the canvas.</p>
        <VscodeButton onClick={() => session.pullLfs()}>Pull</VscodeButton>{' '}
        <VscodeButton secondary onClick={() => open()}>Open as Text</VscodeButton>
      </main>
    );
  }
  return (
    <main className="error-view" role="alert">
      <h1>This canvas cannot be opened</h1>
      <p>{file} has {issues.length === 1 ? 'a problem' : `${issues.length} problems`}. The canvas will not change the file until it reads again.</p>
      <ul className="issue-list">
        {issues.map((iss, i) => (
          <li key={i}>
            <button
              type="button"
              className="issue-link"
              title={`Open the text at line ${iss.line}, column ${iss.column}`}
              onClick={() => open(iss)}
            >
              <code>{formatIssue(file, iss)}</code>
            </button>
          </li>
        ))}
      </ul>
      <VscodeButton onClick={() => open(issues[0])}>Open as Text</VscodeButton>
    </main>
  );
}
