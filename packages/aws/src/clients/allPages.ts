/** One page of a `NextToken`-paginated list call. */
export interface TokenPage<T> {
  items: readonly T[];
  nextToken?: string | undefined;
}

/**
 * Every item of a `NextToken`-paginated SQS or SNS list call, page after page. An empty token
 * ends the list like an absent one (some endpoints answer `''` on the last page).
 */
export async function allPages<T>(
  fetchPage: (nextToken: string | undefined) => Promise<TokenPage<T>>,
): Promise<T[]> {
  const items: T[] = [];
  let nextToken: string | undefined;
  do {
    const page = await fetchPage(nextToken);
    items.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken !== undefined && nextToken !== '');
  return items;
}
