import type { ReactNode } from "react";
import "./globals.css";

export const metadata = {
  title: { default: "PodPath", template: "%s · PodPath" },
  description: "Learn Kubernetes and Linux container networking by fixing broken clusters with the commands you would type on a real node.",
};

export const viewport = { themeColor: "#0b1220", colorScheme: "dark" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="bg-ink-950 text-fg antialiased">{children}</body>
    </html>
  );
}
