/**
 * /robots.txt: crawlers may read the landing page and the catalog, not the pages that act for
 * a player (opening a level makes a player and an attempt), a class or an instructor.
 */
import type { MetadataRoute } from "next";

export default function robots(): MetadataRoute.Robots {
  return { rules: { userAgent: "*", allow: "/", disallow: ["/play/", "/class", "/join", "/teach", "/api/"] } };
}
