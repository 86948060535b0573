/** The landing page. The catalog, play, join and teach screens arrive with the playable app. */
export default function Home() {
  return (
    <main>
      <h1>PodPath</h1>
      <p>Learn Kubernetes and Linux container networking by fixing broken clusters with the commands you would type on a real node.</p>
    </main>
  );
}
