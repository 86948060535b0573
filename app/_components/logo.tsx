/** PodPath's mark: two pods and the path between them. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="12" fill="#0b1220" stroke="#2a3b5e" strokeWidth="2" />
      <circle cx="16" cy="20" r="7" fill="#38bdf8" />
      <circle cx="48" cy="44" r="7" fill="#34d399" />
      <path d="M16 27v9a8 8 0 0 0 8 8h17" stroke="#e2e8f0" strokeWidth="4" fill="none" strokeLinecap="round" />
    </svg>
  );
}
