/**
 * Not built yet: see the package README. This file only keeps the workspace
 * package compilable; it exports nothing.
 */
export {};
