"use client";
/**
 * A link inside the app that navigates with Next's router (no page reload) without next/link:
 * the play screen keeps next/link's script (about 3 KB gzipped) off its bundle, and its links
 * (the catalog, the next level) are not prefetched while the attempt is opening, when the
 * server has better things to do. A modified click (new tab, new window) is left to the browser.
 */
import { useRouter } from "next/navigation";
import type { AnchorHTMLAttributes } from "react";

type Props = AnchorHTMLAttributes<HTMLAnchorElement> & { readonly href: string };

export function NavLink({ href, onClick, ...rest }: Props) {
  const router = useRouter();
  return (
    <a
      href={href}
      {...rest}
      onClick={(e) => {
        onClick?.(e);
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || (rest.target && rest.target !== "_self")) return;
        e.preventDefault();
        router.push(href);
      }}
    />
  );
}
