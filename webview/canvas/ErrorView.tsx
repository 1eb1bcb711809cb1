import { formatIssue } from '../../core/issues';
import { useSession } from '../hooks/useSession';
import { useUi } from '../hooks/useUi';
import type { UiState } from '../state/uiState';
import { VscodeButton } from './inspector/vscodeElements';

const selectFile = (s: UiState) => s.file;
const selectIssues = (s: UiState) => s.issues;

/** The document does not parse: say exactly where, offer the text editor, and edit nothing. */
export function ErrorView() {
  const session = useSession();
  const file = useUi(selectFile);
  const issues = useUi(selectIssues);
  return (
    <main className="error-view" role="alert">
      <h1>This canvas cannot be opened</h1>
      <p>{file} has {issues.length === 1 ? 'a problem' : `${issues.length} problems`}. The canvas will not change the file until it reads again.</p>
      <ul className="issue-list">
        {issues.map((iss, i) => <li key={i}><code>{formatIssue(file, iss)}</code></li>)}
      </ul>
      <VscodeButton onClick={() => session.openAsText()}>Open as Text</VscodeButton>
    </main>
  );
}
