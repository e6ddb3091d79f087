package org.caseline.directory;

/** A U.S. ZIP code: where it is (its city and state) and its coordinates. */
public record ZipPlace(String zip, String city, String state, double latitude, double longitude) {

    /** Straight-line miles to a point (haversine on a sphere of the Earth's mean radius). */
    public double milesTo(double lat, double lon) {
        double r = 3958.8;
        double dLat = Math.toRadians(lat - latitude);
        double dLon = Math.toRadians(lon - longitude);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(latitude)) * Math.cos(Math.toRadians(lat)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * r * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
