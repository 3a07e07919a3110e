// The one error the catalog raises: a broken shipped table or user catalog file, named with the field.
/** Raised for a broken table or user catalog file: names the file and the field. */
export class CatalogError extends Error {
  override name = 'CatalogError';
}
