// AWS Price List GetProducts (us-east-1 endpoint) -> on-demand Linux prices for one region.
// @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_pricing_GetProducts.html
import { AwsCallError, type AwsClientSettings, clientConfig, type Progress } from './aws.js';

/** The Price List API is served from us-east-1 for every region's prices. */
export const PRICING_API_REGION = 'us-east-1';

/** Linux, shared tenancy, no pre-installed software, on-demand capacity (not reservations). */
export function priceFilters(region: string) {
  const match = (Field: string, Value: string) => ({ Type: 'TERM_MATCH' as const, Field, Value });
  return [
    match('regionCode', region),
    match('operatingSystem', 'Linux'),
    match('tenancy', 'Shared'),
    match('preInstalledSw', 'NA'),
    match('capacitystatus', 'Used'),
    match('licenseModel', 'No License required'),
  ];
}

interface PriceListItem {
  product?: { attributes?: Record<string, string> };
  terms?: {
    OnDemand?: Record<
      string,
      { priceDimensions?: Record<string, { unit?: string; pricePerUnit?: { USD?: string } }> }
    >;
  };
}

/** The instance type and hourly USD price in one PriceList entry (a JSON string), or undefined. */
export function parsePriceListItem(text: string): { instanceType: string; usdPerHour: number } | undefined {
  const item = JSON.parse(text) as PriceListItem;
  const instanceType = item.product?.attributes?.instanceType;
  if (!instanceType) return undefined;
  for (const offer of Object.values(item.terms?.OnDemand ?? {})) {
    for (const dimension of Object.values(offer.priceDimensions ?? {})) {
      const usd = Number(dimension.pricePerUnit?.USD);
      if (dimension.unit === 'Hrs' && Number.isFinite(usd) && usd > 0)
        return { instanceType, usdPerHour: usd };
    }
  }
  return undefined;
}

/** On-demand Linux prices in `region`, USD per hour by instance type. */
export async function fetchPrices(
  region: string,
  settings: AwsClientSettings,
  progress: Progress,
): Promise<Record<string, number>> {
  const { PricingClient, paginateGetProducts } = await import('@aws-sdk/client-pricing');
  const client = new PricingClient(clientConfig(settings, 'pricing', PRICING_API_REGION));
  const prices: Record<string, number> = {};
  let page = 0;
  try {
    const input = { ServiceCode: 'AmazonEC2', Filters: priceFilters(region), FormatVersion: 'aws_v1' };
    for await (const output of paginateGetProducts({ client, pageSize: 100 }, input)) {
      page += 1;
      for (const entry of output.PriceList ?? []) {
        const found = parsePriceListItem(String(entry));
        if (!found) continue;
        const seen = prices[found.instanceType];
        prices[found.instanceType] = seen === undefined ? found.usdPerHour : Math.min(seen, found.usdPerHour);
      }
      progress(`Pricing GetProducts: page ${page}, ${Object.keys(prices).length} prices`);
    }
  } catch (error) {
    throw new AwsCallError(`Pricing GetProducts for ${region}`, error);
  } finally {
    client.destroy();
  }
  return prices;
}
