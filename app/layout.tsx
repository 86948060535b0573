import type { ReactNode } from "react";

export const metadata = { title: "PodPath", description: "Learn Kubernetes and Linux container networking by fixing broken clusters." };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
