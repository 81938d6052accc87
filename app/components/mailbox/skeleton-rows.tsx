/** Grey placeholder rows shaped like messages, so the list keeps its shape while a page loads. */
export function SkeletonRows({ count }: { count: number }) {
  return (
    <ul className="messages skeleton" aria-hidden="true">
      {Array.from({ length: count }, (_, i) => (
        <li key={i} className="message">
          <span className="bone sender" />
          <span className="bone subject" />
          <span className="bone snippet" />
        </li>
      ))}
    </ul>
  );
}
