// The office map on "Find an office": the states (us-atlas, projected to Albers USA) and a dot for
// each field office, the ones that serve the visitor's ZIP code marked. Everything the map shows
// is also in the text beside it; without JavaScript the map is simply absent.
(function () {
    const svg = document.getElementById('office-map');
    const data = document.getElementById('office-map-data');
    if (!svg || !data || !window.d3 || !window.topojson) {
        return;
    }
    const offices = JSON.parse(data.textContent);
    const ns = 'http://www.w3.org/2000/svg';
    fetch(svg.dataset.atlas).then(r => r.json()).then(us => {
        const path = d3.geoPath();
        const states = document.createElementNS(ns, 'g');
        topojson.feature(us, us.objects.states).features.forEach(f => {
            const p = document.createElementNS(ns, 'path');
            p.setAttribute('d', path(f));
            p.setAttribute('class', 'office-map__state');
            states.appendChild(p);
        });
        svg.appendChild(states);
        // the projection us-atlas's Albers files were drawn with
        const projection = d3.geoAlbersUsa().scale(1300).translate([487.5, 305]);
        const dots = document.createElementNS(ns, 'g');
        offices.forEach(o => {
            const xy = projection([o.lon, o.lat]);
            if (!xy) {
                return; // outside the map's insets (Guam, the Virgin Islands)
            }
            const c = document.createElementNS(ns, 'circle');
            c.setAttribute('cx', xy[0].toFixed(1));
            c.setAttribute('cy', xy[1].toFixed(1));
            c.setAttribute('r', o.found ? 7 : 3.5);
            c.setAttribute('class', 'office-map__office' + (o.found ? ' office-map__office--found' : ''));
            const title = document.createElementNS(ns, 'title');
            title.textContent = o.name;
            c.appendChild(title);
            dots.appendChild(c);
        });
        svg.appendChild(dots);
        svg.setAttribute('data-drawn', 'true');
    });
})();
