"use client";
/** Puts the projector view on the whole screen (and back). */
import { useEffect, useState } from "react";

export function FullscreenButton() {
  const [full, setFull] = useState(false);
  useEffect(() => {
    const sync = () => setFull(!!document.fullscreenElement);
    document.addEventListener("fullscreenchange", sync);
    return () => document.removeEventListener("fullscreenchange", sync);
  }, []);
  return (
    <button
      type="button"
      className="btn"
      onClick={() => {
        if (document.fullscreenElement) void document.exitFullscreen();
        else void document.documentElement.requestFullscreen().catch(() => undefined);
      }}
    >
      {full ? "Leave full screen" : "Full screen"}
    </button>
  );
}
