// WeChat's <map> with a marker per hazard (GCJ-02, as the map expects). Not in the browser build:
// there the pages show coordinates and distances instead.
import { Map as TaroMap } from '@tarojs/components'
import markerIcon from '../assets/marker.png'
import './hazard-map.scss'

export interface MapPoint {
  id: string
  lat: number
  lng: number
  title: string
}

export function HazardMap({
  points,
  center,
  height = 'normal',
  onTap,
}: {
  points: MapPoint[]
  center: { lat: number; lng: number }
  height?: 'normal' | 'tall'
  onTap?: (id: string) => void
}) {
  const markers = points.map((p, index) => ({
    id: index,
    latitude: p.lat,
    longitude: p.lng,
    title: p.title,
    iconPath: markerIcon as string,
    width: 32,
    height: 40,
    callout: {
      content: p.title,
      display: 'BYCLICK' as const,
      padding: 6,
      borderRadius: 6,
      fontSize: 12,
      color: '#1f2329',
      bgColor: '#ffffff',
      textAlign: 'center' as const,
      anchorX: 0,
      anchorY: 0,
      borderWidth: 0,
      borderColor: '#ffffff',
    },
  }))
  return (
    <TaroMap
      className={`hazard-map hazard-map--${height}`}
      latitude={center.lat}
      longitude={center.lng}
      scale={points.length > 1 ? 16 : 17}
      markers={markers}
      includePoints={points.length > 1 ? points.map((p) => ({ latitude: p.lat, longitude: p.lng })) : undefined}
      showLocation
      onError={() => {}}
      onCalloutTap={(e) => {
        const point = points[Number(e.detail.markerId)]
        if (point && onTap) onTap(point.id)
      }}
    />
  )
}
