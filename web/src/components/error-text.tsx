/** An error sentence, announced to screen readers when it appears. */
export function ErrorText({ text }: { text: string | null }) {
  return text === null ? null : (
    <p role="alert" class="error">
      {text}
    </p>
  );
}
