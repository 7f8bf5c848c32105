/**
 * Not built yet: see README.md. This file only keeps the workspace package
 * compilable; it exports nothing.
 */
export {};
